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

    /** A stored token: its record and the hash of its secret. */
    public record Stored(TokenRecord token, String secretHash) {
    }

    private static final RowMapper<Stored> ROW = (rs, i) -> new Stored(new TokenRecord(rs.getString("id"),
            rs.getString("user_name"), rs.getString("plan"), scopes(rs.getString("scopes")),
            Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs.getObject("expires_at")),
            instant(rs.getObject("revoked_at")), rs.getString("replaced_by"), instant(rs.getObject("retires_at"))),
            rs.getString("secret_hash"));

    private final JdbcClient jdbc;

    public TokenStore(Db db) {
        this.jdbc = db.jdbc();
    }

    public void insert(TokenRecord t, String secretHash) {
        jdbc.sql("INSERT INTO tokens (id, secret_hash, user_name, plan, scopes, created_at, expires_at, revoked_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(t.id(), secretHash, t.user(), t.plan(), String.join(",", t.scopes()), t.created().toEpochMilli(),
                        millis(t.expires()), millis(t.revoked()))
                .update();
    }

    public Optional<Stored> find(String id) {
        return jdbc.sql("SELECT * FROM tokens WHERE id = ?").param(id).query(ROW).optional();
    }

    /** Every token, newest first. */
    public List<TokenRecord> list() {
        return jdbc.sql("SELECT * FROM tokens ORDER BY created_at DESC, id").query(ROW).list().stream()
                .map(Stored::token).toList();
    }

    /** Marks a token revoked; false if there is no such token. Revoking twice keeps the first time. */
    public boolean revoke(String id, Instant now) {
        if (jdbc.sql("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(now.toEpochMilli(), id).update() == 1) {
            return true;
        }
        return find(id).isPresent();
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

    private static List<String> scopes(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::trim).toList();
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }
}
