package io.modelgate.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monthly quotas, counted in memory and written in batches: {@code /auth} adds no database write.
 *
 * <p>Per user and period (a calendar month, UTC) this replica holds what the database said at the last
 * flush ({@code base}: every replica's flushed counts), what it has written since ({@code inFlight}, until
 * the write is done) and what it has counted since ({@code pending}). A request is admitted while
 * {@code base + inFlight + pending < quota}, and counted. {@link #flush()} (every flush interval, and at
 * shutdown) adds {@code pending} to the row in one transaction ({@code used = used + n}, so replicas add up),
 * then reads the rows back, which brings in the other replicas' counts.
 *
 * <p>What that costs in exactness, by design: a crash loses this replica's counts since its last flush
 * (at most one flush interval of its admitted requests; a failed flush keeps its counts for the next one);
 * with several replicas each sees the others' requests one flush late, so a user can exceed the quota by
 * about (replicas - 1) × its requests per flush interval; a write that failed after the database had
 * committed it is counted again.
 */
public final class QuotaCounter {

    private static final Logger LOG = LoggerFactory.getLogger(QuotaCounter.class);
    /** An entry nobody asked about for this long (and with nothing unwritten) is dropped from memory. */
    static final Duration IDLE = Duration.ofMinutes(10);

    /** Where counts are kept: the table {@code quota_usage} ({@link QuotaStore}), or a map in tests. */
    public interface Store {
        /** The stored count of each key that has a row (keys without one are left out). */
        Map<Key, Long> read(Collection<Key> keys);

        /** Makes sure the key has a row (at 0), whoever makes it first. */
        void create(Key key);

        /** Adds each count to its row (which exists), all in one transaction. */
        void add(Map<Key, Long> increments);
    }

    /** @param period the month, {@code 2026-11} */
    public record Key(String user, String period) {
    }

    /**
     * The outcome of counting one request.
     *
     * @param admitted whether it is within the quota (then it was counted)
     * @param limit    the quota
     * @param used     requests counted in the period, this one included when admitted
     * @param resets   when the period ends and counting starts again
     */
    public record Admission(boolean admitted, long limit, long used, Instant resets) {

        public long remaining() {
            return Math.max(0, limit - used);
        }

        /** Whole seconds until the reset, at least 1: the {@code Retry-After} of a 429. */
        public long retryAfterSeconds(Instant now) {
            long millis = Duration.between(now, resets).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }
    }

    private static final class Count {
        long base;
        long inFlight;
        long pending;
        boolean rowExists;
        boolean dropped;
        Instant touched;

        Count(long base, boolean rowExists, Instant now) {
            this.base = base;
            this.rowExists = rowExists;
            this.touched = now;
        }
    }

    private final Store store;
    private final Clock clock;
    private final Map<Key, Count> counts = new ConcurrentHashMap<>();

    public QuotaCounter(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The period an instant falls in: its calendar month in UTC. */
    static YearMonth period(Instant t) {
        return YearMonth.from(t.atOffset(ZoneOffset.UTC));
    }

    static Instant start(YearMonth period) {
        return period.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** Counts one request of the user against a quota of {@code limit} for the current period, if there is room. */
    public Admission admit(String user, long limit) {
        return admit(user, limit, true);
    }

    /**
     * The same, or null when the user's count for the period is not in memory and {@code mayLoad} is false
     * (loading it reads the database: the caller retries off the event loop).
     */
    public Admission admit(String user, long limit, boolean mayLoad) {
        Instant now = clock.instant();
        YearMonth period = period(now);
        Instant resets = start(period.plusMonths(1));
        Key key = new Key(user, period.toString());
        while (true) {
            Count c = counts.get(key);
            if (c == null) {
                if (!mayLoad) {
                    return null;
                }
                c = load(key, now);
            }
            synchronized (c) {
                if (c.dropped) {
                    continue; // flushed and dropped between the lookup and here: load again
                }
                c.touched = now;
                long used = c.base + c.inFlight + c.pending;
                if (used >= limit) {
                    return new Admission(false, limit, used, resets);
                }
                c.pending++;
                return new Admission(true, limit, used + 1, resets);
            }
        }
    }

    /** The user's count for the current period as this replica sees it (stored plus its own unwritten counts). */
    public long used(String user) {
        Key key = new Key(user, period(clock.instant()).toString());
        Count c = counts.get(key);
        if (c == null) {
            return store.read(List.of(key)).getOrDefault(key, 0L);
        }
        synchronized (c) {
            return c.base + c.inFlight + c.pending;
        }
    }

    private Count load(Key key, Instant now) {
        Long stored = store.read(List.of(key)).get(key);
        Count fresh = new Count(stored == null ? 0 : stored, stored != null, now);
        Count raced = counts.putIfAbsent(key, fresh);
        return raced == null ? fresh : raced;
    }

    /**
     * Writes what was counted since the last flush and reads every replica's counts back; drops entries of
     * past periods and idle ones once nothing of theirs is unwritten. A failed write keeps its counts for the
     * next flush. Returns false if writing failed.
     */
    public synchronized boolean flush() {
        Map<Key, Long> batch = new HashMap<>();
        Map<Key, Count> taken = new HashMap<>();
        for (Map.Entry<Key, Count> e : counts.entrySet()) {
            Count c = e.getValue();
            synchronized (c) {
                if (c.pending > 0) {
                    batch.put(e.getKey(), c.pending);
                    taken.put(e.getKey(), c);
                    c.inFlight += c.pending;
                    c.pending = 0;
                }
            }
        }
        boolean written = write(batch, taken);
        refresh();
        drop();
        return written;
    }

    private boolean write(Map<Key, Long> batch, Map<Key, Count> taken) {
        if (batch.isEmpty()) {
            return true;
        }
        try {
            for (Map.Entry<Key, Count> e : taken.entrySet()) {
                if (!e.getValue().rowExists) {
                    store.create(e.getKey());
                    e.getValue().rowExists = true;
                }
            }
            store.add(batch);
        } catch (RuntimeException ex) {
            LOG.warn("quota counts of {} users not written, kept for the next flush: {}", batch.size(), ex.toString());
            taken.forEach((k, c) -> {
                synchronized (c) {
                    c.inFlight -= batch.get(k);
                    c.pending += batch.get(k);
                }
            });
            return false;
        }
        taken.forEach((k, c) -> {
            synchronized (c) {
                c.inFlight -= batch.get(k);
                c.base += batch.get(k);
            }
        });
        return true;
    }

    /** Reads the stored counts back: the other replicas' flushed requests come in here. */
    private void refresh() {
        if (counts.isEmpty()) {
            return;
        }
        Map<Key, Long> stored;
        try {
            stored = store.read(List.copyOf(counts.keySet()));
        } catch (RuntimeException ex) {
            LOG.warn("quota counts not read back: {}", ex.toString());
            return;
        }
        stored.forEach((k, used) -> {
            Count c = counts.get(k);
            if (c != null) {
                synchronized (c) {
                    c.base = Math.max(c.base, used); // rows only grow: the larger is the later
                    c.rowExists = true;
                }
            }
        });
    }

    private void drop() {
        Instant now = clock.instant();
        String current = period(now).toString();
        counts.forEach((k, c) -> {
            synchronized (c) {
                boolean stale = !k.period().equals(current) || c.touched.plus(IDLE).isBefore(now);
                if (stale && c.pending == 0 && c.inFlight == 0) {
                    c.dropped = true;
                    counts.remove(k, c);
                }
            }
        });
    }

    /** How many users' counts are held in memory (for tests and metrics). */
    int size() {
        return counts.size();
    }
}
