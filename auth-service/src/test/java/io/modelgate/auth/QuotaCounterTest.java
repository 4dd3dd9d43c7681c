package io.modelgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quota arithmetic on an injected clock and a store in a map: periods, resets, flushes, failures. No I/O. */
class QuotaCounterTest {

    /** The table as a map; writes can be made to fail. */
    static final class MapStore implements QuotaCounter.Store {
        final Map<QuotaCounter.Key, Long> rows = new ConcurrentHashMap<>();
        boolean failing;
        int writes;

        @Override
        public Map<QuotaCounter.Key, Long> read(Collection<QuotaCounter.Key> keys) {
            Map<QuotaCounter.Key, Long> out = new HashMap<>();
            keys.forEach(k -> {
                if (rows.containsKey(k)) {
                    out.put(k, rows.get(k));
                }
            });
            return out;
        }

        @Override
        public void create(QuotaCounter.Key key) {
            rows.putIfAbsent(key, 0L);
        }

        @Override
        public void add(Map<QuotaCounter.Key, Long> increments) {
            if (failing) {
                throw new IllegalStateException("database down");
            }
            writes++;
            increments.forEach((k, n) -> rows.merge(k, n, Long::sum));
        }
    }

    private final TokenStoreContract.MovableClock clock = new TokenStoreContract.MovableClock();
    private final MapStore store = new MapStore();
    private final QuotaCounter counter = new QuotaCounter(store, clock);

    @ParameterizedTest
    @CsvSource({
            "2026-11-22T10:00:00Z, 2026-11, 2026-12-01T00:00:00Z",
            "2026-11-30T23:59:59.999Z, 2026-11, 2026-12-01T00:00:00Z",
            "2026-12-01T00:00:00Z, 2026-12, 2027-01-01T00:00:00Z",
            "2026-12-31T23:59:59Z, 2026-12, 2027-01-01T00:00:00Z",
            "2028-02-29T12:00:00Z, 2028-02, 2028-03-01T00:00:00Z"})
    void periodsAreCalendarMonthsInUtc(Instant at, String period, Instant resets) {
        clock.set(at);
        QuotaCounter.Admission a = counter.admit("alice", 10);
        assertThat(QuotaCounter.period(at)).hasToString(period);
        assertThat(a.resets()).isEqualTo(resets);
    }

    @ParameterizedTest
    @CsvSource({"2026-11-30T23:59:59.999Z, 1", "2026-11-30T23:59:58.001Z, 2", "2026-11-30T00:00:00Z, 86400",
            "2026-11-01T00:00:00Z, 2592000"})
    void retryAfterIsTheWholeSecondsToTheResetRoundedUp(Instant now, long seconds) {
        clock.set(now);
        QuotaCounter.Admission a = counter.admit("alice", 1);
        assertThat(a.retryAfterSeconds(now)).isEqualTo(seconds);
    }

    @Test
    void nRequestsPassThenNoneUntilTheNextMonth() {
        clock.set(Instant.parse("2026-11-30T23:59:00Z"));
        for (int i = 1; i <= 5; i++) {
            QuotaCounter.Admission a = counter.admit("alice", 5);
            assertThat(a.admitted()).isTrue();
            assertThat(a.used()).isEqualTo(i);
            assertThat(a.remaining()).isEqualTo(5 - i);
        }
        QuotaCounter.Admission refused = counter.admit("alice", 5);
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.used()).as("a refusal is not counted").isEqualTo(5);
        assertThat(counter.admit("alice", 6).admitted()).as("a larger quota (plan changed) has room").isTrue();
        clock.advance(Duration.ofMinutes(1)); // 2026-12-01T00:00Z
        assertThat(counter.admit("alice", 5).used()).isEqualTo(1);
        counter.flush();
        assertThat(store.rows).containsEntry(new QuotaCounter.Key("alice", "2026-11"), 6L)
                .containsEntry(new QuotaCounter.Key("alice", "2026-12"), 1L);
        assertThat(counter.size()).as("the past month is dropped once written").isEqualTo(1);
    }

    @Test
    void countsAreWrittenInBatchesNotPerRequest() {
        for (int i = 0; i < 1000; i++) {
            counter.admit("user" + (i % 10), 1_000_000);
        }
        assertThat(store.writes).isZero();
        counter.flush();
        assertThat(store.writes).as("one batch").isEqualTo(1);
        assertThat(store.rows.values()).containsOnly(100L);
        counter.flush();
        assertThat(store.writes).as("nothing new, nothing written").isEqualTo(1);
    }

    @Test
    void aFailedFlushKeepsItsCountsForTheNext() {
        for (int i = 0; i < 7; i++) {
            counter.admit("alice", 100);
        }
        store.failing = true;
        assertThat(counter.flush()).isFalse();
        assertThat(counter.used("alice")).as("still counted while the database is down").isEqualTo(7);
        counter.admit("alice", 100);
        store.failing = false;
        assertThat(counter.flush()).isTrue();
        assertThat(store.rows).containsEntry(new QuotaCounter.Key("alice", "2026-11"), 8L);
        assertThat(counter.used("alice")).isEqualTo(8);
    }

    @Test
    void otherReplicasCountsArriveWithAFlush() {
        QuotaCounter other = new QuotaCounter(store, clock);
        counter.admit("alice", 10);
        for (int i = 0; i < 6; i++) {
            other.admit("alice", 10);
        }
        other.flush();
        assertThat(counter.used("alice")).as("not flushed here yet").isEqualTo(1);
        counter.flush();
        assertThat(counter.used("alice")).isEqualTo(7);
        assertThat(counter.admit("alice", 7).admitted()).isFalse();
    }

    @Test
    void idleUsersAreDroppedFromMemoryAndReadAgain() {
        counter.admit("alice", 10);
        counter.flush();
        clock.advance(QuotaCounter.IDLE.plusSeconds(1));
        counter.flush();
        assertThat(counter.size()).isZero();
        assertThat(counter.admit("alice", 10).used()).as("read back from the store").isEqualTo(2);
    }
}
