package io.modelgate.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Quota counts in the database, table {@code quota_usage}: one row per user and period, only ever
 * incremented ({@code used = used + ?}), so replicas on one database add up instead of overwriting.
 */
public class QuotaStore implements QuotaCounter.Store {

    private static final int CHUNK = 200;

    private final Db db;
    private final JdbcClient jdbc;

    public QuotaStore(Db db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    @Override
    public Map<QuotaCounter.Key, Long> read(Collection<QuotaCounter.Key> keys) {
        Map<QuotaCounter.Key, Long> out = new HashMap<>();
        Map<String, List<String>> byPeriod = keys.stream().collect(Collectors.groupingBy(QuotaCounter.Key::period,
                Collectors.mapping(QuotaCounter.Key::user, Collectors.toList())));
        byPeriod.forEach((period, users) -> {
            for (int i = 0; i < users.size(); i += CHUNK) {
                jdbc.sql("SELECT user_name, used FROM quota_usage WHERE period = :period AND user_name IN (:users)")
                        .param("period", period).param("users", new ArrayList<>(users.subList(i, Math.min(users.size(), i + CHUNK))))
                        .query((rs, n) -> Map.entry(new QuotaCounter.Key(rs.getString(1), period), rs.getLong(2)))
                        .list().forEach(e -> out.put(e.getKey(), e.getValue()));
            }
        });
        return out;
    }

    @Override
    public void create(QuotaCounter.Key key) {
        try {
            jdbc.sql("INSERT INTO quota_usage (user_name, period, used) VALUES (?, ?, 0)").params(key.user(), key.period()).update();
        } catch (DuplicateKeyException e) {
            // another replica made it first: that is all this wanted
        }
    }

    @Override
    public void add(Map<QuotaCounter.Key, Long> increments) {
        List<Object[]> args = increments.entrySet().stream()
                .map(e -> new Object[] {e.getValue(), e.getKey().user(), e.getKey().period()}).toList();
        db.inTransaction(() -> db.batch("UPDATE quota_usage SET used = used + ? WHERE user_name = ? AND period = ?", args));
    }

    /** One user's count for a period as stored (what every replica has flushed); 0 without a row. */
    public long used(String user, String period) {
        return read(List.of(new QuotaCounter.Key(user, period))).getOrDefault(new QuotaCounter.Key(user, period), 0L);
    }
}
