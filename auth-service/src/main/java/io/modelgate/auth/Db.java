package io.modelgate.auth;

import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database the stores share (H2 or PostgreSQL, schema by Flyway): statements, and transactions for what
 * must happen together (an admin action and its audit record; a rotation's successor and the claim on the
 * old token).
 */
public final class Db {

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public Db(DataSource dataSource) {
        this.template = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(template);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** One statement, many parameter sets, sent as one JDBC batch; the rows each set changed. */
    public int[] batch(String sql, List<Object[]> args) {
        return args.isEmpty() ? new int[0] : template.batchUpdate(sql, args);
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Runs the work in one transaction (joining one under way): all of it, or none if it throws. */
    public <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
