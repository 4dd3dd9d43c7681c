package io.modelgate.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The admin audit table: an action is recorded in the transaction that does it (both happen, or neither),
 * and entries are only ever inserted and read.
 */
public class AuditLog {

    private static final RowMapper<AuditEntry> ROW = (rs, i) -> new AuditEntry(rs.getLong("id"),
            Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor"), rs.getString("action"), rs.getString("target"),
            rs.getString("detail"));

    private final JdbcClient jdbc;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public AuditLog(Db db, Clock clock) {
        this.jdbc = db.jdbc();
        this.clock = clock;
    }

    /** Records an action now. */
    public void record(String actor, String action, String target, String detail) {
        jdbc.sql("INSERT INTO admin_audit (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)")
                .params(clock.instant().toEpochMilli(), cut(actor, 200), action, cut(target, 300), cut(detail, 2000))
                .update();
        listeners.forEach(Runnable::run);
    }

    /** Runs {@code listener} after each recorded action (every admin change records one): what caches the store forgets. */
    public void afterEachAction(Runnable listener) {
        listeners.add(listener);
    }

    private static String cut(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /**
     * The newest entries first.
     *
     * @param target only those on this token, user or plan; null for all
     * @param limit  at most this many
     */
    public List<AuditEntry> list(String target, int limit) {
        return target == null
                ? jdbc.sql("SELECT * FROM admin_audit ORDER BY id DESC LIMIT ?").param(limit).query(ROW).list()
                : jdbc.sql("SELECT * FROM admin_audit WHERE target = ? ORDER BY id DESC LIMIT ?").params(target, limit)
                        .query(ROW).list();
    }
}
