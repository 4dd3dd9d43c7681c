package io.modelgate.auth;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The same store contract against a real PostgreSQL (Debian's), one fresh database per test. */
class PostgresTokenStoreIT extends UsageAuditContract {

    private static PostgresServer postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        postgres = new PostgresServer();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Override
    DataSource dataSource() {
        String name = "tokens_" + DATABASES.incrementAndGet();
        var admin = new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.url(), "postgres", "");
        JdbcClient.create(admin).sql("CREATE DATABASE " + name).update();
        return new SimpleDriverDataSource(new org.postgresql.Driver(), postgres.url().replace("/postgres", "/" + name),
                "postgres", "");
    }
}
