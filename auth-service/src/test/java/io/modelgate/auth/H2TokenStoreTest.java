package io.modelgate.auth;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The store contract on the embedded default: an H2 file database. */
class H2TokenStoreTest extends UsageAuditContract {

    @TempDir
    Path dir;
    private int databases;

    @Override
    DataSource dataSource() {
        return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:file:" + dir.resolve("tokens" + ++databases), "sa", "");
    }
}
