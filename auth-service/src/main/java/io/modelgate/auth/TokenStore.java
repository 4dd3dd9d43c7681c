package io.modelgate.auth;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tokens in a JDBC database (H2 by default, PostgreSQL by URL; the schema is Flyway's). Blocking: callers on
 * an event loop go through a scheduler meant for it.
 */
public class TokenStore {

    /** A stored token: its record, the hash of its secret, its user and the user's plan (one query: the join). */
    public record Stored(TokenRecord token, String secretHash, UserRecord user, Plan plan) {
    }

    private static final RowMapper<UserRecord> USER = UserStore.rows("u_");
    private static final RowMapper<Plan> PLAN = PlanStore.rows("p_");
    private static final RowMapper<Stored> ROW = (rs, i) -> new Stored(new TokenRecord(rs.getString("id"),
            rs.getString("user_name"), rs.getString("u_plan"), scopes(rs.getString("scopes")),
            Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs.getObject("expires_at")),
            instant(rs.getObject("revoked_at")), rs.getString("replaced_by"), instant(rs.getObject("retires_at")),
            instant(rs.getObject("last_used_at")), rs.getLong("request_count")),
            rs.getString("secret_hash"), USER.mapRow(rs, i), PLAN.mapRow(rs, i));

    private static final String SELECT = "SELECT t.id, t.secret_hash, t.user_name, t.scopes, t.created_at, t.expires_at, "
            + "t.revoked_at, t.replaced_by, t.retires_at, t.last_used_at, t.request_count, u.id AS u_id, u.name AS u_name, u.plan AS u_plan, "
            + "u.state AS u_state, u.created_at AS u_created_at, u.updated_at AS u_updated_at, p.name AS p_name, "
            + "p.scopes AS p_scopes, p.rate_limit AS p_rate_limit, p.rate_period_s AS p_rate_period_s, "
            + "p.monthly_quota AS p_monthly_quota, p.created_at AS p_created_at, p.updated_at AS p_updated_at "
            + "FROM tokens t JOIN users u ON u.name = t.user_name JOIN plans p ON p.name = u.plan ";

    private final Db db;
    private final JdbcClient jdbc;

    public TokenStore(Db db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    public void insert(TokenRecord t, String secretHash) {
        jdbc.sql("INSERT INTO tokens (id, secret_hash, user_name, scopes, created_at, expires_at, revoked_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(t.id(), secretHash, t.user(), String.join(",", t.scopes()), t.created().toEpochMilli(),
                        millis(t.expires()), millis(t.revoked()))
                .update();
    }

    public Optional<Stored> find(String id) {
        return jdbc.sql(SELECT + "WHERE t.id = ?").param(id).query(ROW).optional();
    }

    /** Every token, newest first. */
    public List<TokenRecord> list() {
        return jdbc.sql(SELECT + "ORDER BY t.created_at DESC, t.id").query(ROW).list().stream().map(Stored::token).toList();
    }

    /** A user's tokens, newest first. */
    public List<TokenRecord> listOf(String user) {
        return jdbc.sql(SELECT + "WHERE t.user_name = ? ORDER BY t.created_at DESC, t.id").param(user).query(ROW).list()
                .stream().map(Stored::token).toList();
    }

    /** Marks a token revoked; false if there is no such token. Revoking twice keeps the first time. */
    public boolean revoke(String id, Instant now) {
        if (jdbc.sql("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(now.toEpochMilli(), id).update() == 1) {
            return true;
        }
        return jdbc.sql("SELECT COUNT(*) FROM tokens WHERE id = ?").param(id).query(Long.class).single() == 1;
    }

    /**
     * Marks a token rotated to its successor, working until {@code retires}; false when it was revoked or
     * rotated meanwhile (the claim is one conditional update, so two rotations cannot both win).
     */
    public boolean markRotated(String id, String successor, Instant retires) {
        return jdbc.sql("UPDATE tokens SET replaced_by = ?, retires_at = ? WHERE id = ? AND replaced_by IS NULL "
                        + "AND revoked_at IS NULL")
                .params(successor, retires.toEpochMilli(), id).update() == 1;
    }

    /** Adds counts and moves last-used times forward (never back), for many tokens in one transaction. */
    public void addUsage(java.util.Map<String, UsageCounter.Usage> usage) {
        List<Object[]> args = usage.entrySet().stream().map(e -> new Object[] {e.getValue().count(),
                e.getValue().last().toEpochMilli(), e.getValue().last().toEpochMilli(), e.getKey()}).toList();
        db.inTransaction(() -> db.batch("UPDATE tokens SET request_count = request_count + ?, last_used_at = CASE "
                + "WHEN last_used_at IS NULL OR last_used_at < ? THEN ? ELSE last_used_at END WHERE id = ?", args));
    }

    static List<String> scopes(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::trim).toList();
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
