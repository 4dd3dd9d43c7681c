package io.modelgate.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Users in the database. Blocking. */
public class UserStore {

    /** Reads a user from columns with the given prefix ({@code u_} in joins, none in the users table). */
    static RowMapper<UserRecord> rows(String prefix) {
        return (rs, i) -> new UserRecord(rs.getLong(prefix + "id"), rs.getString(prefix + "name"),
                rs.getString(prefix + "plan"), UserRecord.State.of(rs.getString(prefix + "state")),
                Instant.ofEpochMilli(rs.getLong(prefix + "created_at")), Instant.ofEpochMilli(rs.getLong(prefix + "updated_at")));
    }

    private static final RowMapper<UserRecord> ROW = rows("");

    private final JdbcClient jdbc;

    public UserStore(Db db) {
        this.jdbc = db.jdbc();
    }

    /** Adds a user (the database gives it its id) and returns it. */
    public UserRecord insert(String name, String plan, Instant now) {
        jdbc.sql("INSERT INTO users (name, plan, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(name, plan, UserRecord.State.ACTIVE.text(), now.toEpochMilli(), now.toEpochMilli())
                .update();
        return find(name).orElseThrow();
    }

    public Optional<UserRecord> find(String name) {
        return jdbc.sql("SELECT * FROM users WHERE name = ?").param(name).query(ROW).optional();
    }

    /** Every user, by name. */
    public List<UserRecord> list() {
        return jdbc.sql("SELECT * FROM users ORDER BY name").query(ROW).list();
    }

    /** Moves a user to a plan; false if there is no such user. */
    public boolean setPlan(String name, String plan, Instant now) {
        return jdbc.sql("UPDATE users SET plan = ?, updated_at = ? WHERE name = ?")
                .params(plan, now.toEpochMilli(), name).update() == 1;
    }

    /** Suspends or resumes a user; false if there is no such user. */
    public boolean setState(String name, UserRecord.State state, Instant now) {
        return jdbc.sql("UPDATE users SET state = ?, updated_at = ? WHERE name = ?")
                .params(state.text(), now.toEpochMilli(), name).update() == 1;
    }
}
