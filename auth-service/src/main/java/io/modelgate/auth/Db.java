package io.modelgate.auth;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database the stores share (H2 or PostgreSQL, schema by Flyway): statements, and transactions for what
 * must happen together (an admin action and its audit record; a rotation's successor and the claim on the
 * old token).
 */
public final class Db {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public Db(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Runs the work in one transaction (joining one under way): all of it, or none if it throws. */
    public <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
