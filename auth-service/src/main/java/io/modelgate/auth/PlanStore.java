package io.modelgate.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Plans in the database. Blocking. */
public class PlanStore {

    /** Reads a plan from columns with the given prefix ({@code p_} in joins, none in the plans table). */
    static RowMapper<Plan> rows(String prefix) {
        return (rs, i) -> {
            Object limit = rs.getObject(prefix + "rate_limit");
            Object quota = rs.getObject(prefix + "monthly_quota");
            return new Plan(rs.getString(prefix + "name"), TokenStore.scopes(rs.getString(prefix + "scopes")),
                    limit == null ? null : new Plan.Rate(((Number) limit).intValue(),
                            Duration.ofSeconds(rs.getInt(prefix + "rate_period_s"))),
                    quota == null ? null : ((Number) quota).longValue(),
                    Instant.ofEpochMilli(rs.getLong(prefix + "created_at")), Instant.ofEpochMilli(rs.getLong(prefix + "updated_at")));
        };
    }

    private static final RowMapper<Plan> ROW = rows("");

    private final JdbcClient jdbc;

    public PlanStore(Db db) {
        this.jdbc = db.jdbc();
    }

    public void insert(Plan p) {
        jdbc.sql("INSERT INTO plans (name, scopes, rate_limit, rate_period_s, monthly_quota, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(p.name(), String.join(",", p.scopes()), p.rate() == null ? null : p.rate().limit(),
                        p.rate() == null ? null : (int) p.rate().period().toSeconds(), p.monthlyQuota(),
                        p.created().toEpochMilli(), p.updated().toEpochMilli())
                .update();
    }

    /** Writes scopes, rate and quota; false if there is no such plan. */
    public boolean update(Plan p) {
        return jdbc.sql("UPDATE plans SET scopes = ?, rate_limit = ?, rate_period_s = ?, monthly_quota = ?, updated_at = ? "
                        + "WHERE name = ?")
                .params(String.join(",", p.scopes()), p.rate() == null ? null : p.rate().limit(),
                        p.rate() == null ? null : (int) p.rate().period().toSeconds(), p.monthlyQuota(),
                        p.updated().toEpochMilli(), p.name())
                .update() == 1;
    }

    public Optional<Plan> find(String name) {
        return jdbc.sql("SELECT * FROM plans WHERE name = ?").param(name).query(ROW).optional();
    }

    /** Every plan, by name. */
    public List<Plan> list() {
        return jdbc.sql("SELECT * FROM plans ORDER BY name").query(ROW).list();
    }
}
