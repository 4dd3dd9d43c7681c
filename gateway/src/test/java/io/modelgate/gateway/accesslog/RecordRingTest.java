package io.modelgate.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dashboard's rings: the last N, newest first, filtered; errors kept apart from the rest. */
public class RecordRingTest {

    public static AccessLogRecord record(long millis, int status, String router, String user) {
        return new AccessLogRecord(millis, "web", "127.0.0.1", "GET", "h", "/x", "HTTP/1.1", status, status, 1, 1, 0, 0,
                router, router == null ? null : "s@file", null, "id-" + millis, user, null, List.of(), null, 0);
    }

    @Test
    void keepsTheLastCapacityRecordsNewestFirst() {
        RecordRing ring = new RecordRing(3);
        for (long i = 1; i <= 5; i++) {
            ring.add(record(i, 200, "r", null));
        }
        assertThat(ring.newestFirst()).extracting(AccessLogRecord::epochMillis).containsExactly(5L, 4L, 3L);
        assertThat(ring.added()).isEqualTo(5);
        assertThat(ring.capacity()).isEqualTo(3);
    }

    @Test
    void beforeWrappingOnlyWhatWasAdded() {
        RecordRing ring = new RecordRing(10);
        ring.add(record(1, 200, "r", null));
        ring.add(record(2, 200, "r", null));
        assertThat(ring.newestFirst()).extracting(AccessLogRecord::epochMillis).containsExactly(2L, 1L);
    }

    @Test
    void filterAndLimit() {
        RecordRing ring = new RecordRing(10);
        for (long i = 1; i <= 8; i++) {
            ring.add(record(i, i % 2 == 0 ? 500 : 200, "r", null));
        }
        assertThat(ring.newestFirst(r -> r.status() == 500, 2)).extracting(AccessLogRecord::epochMillis)
                .containsExactly(8L, 6L);
    }

    @Test
    void capacityZeroKeepsNothingAndNegativeIsRefused() {
        RecordRing ring = new RecordRing(0);
        ring.add(record(1, 200, "r", null));
        assertThat(ring.newestFirst()).isEmpty();
        assertThatThrownBy(() -> new RecordRing(-1)).hasMessageContaining("negative");
    }

    @Test
    void errorsGoToTheirOwnRingSoSuccessesDoNotPushThemOut() {
        RecentRequests recent = new RecentRequests(2, 5);
        recent.log(record(1, 503, "r", "alice"));
        recent.log(record(2, 404, "r", "bob"));
        recent.log(record(3, 200, "r", "carol"));
        recent.log(record(4, 200, "r", "dave"));
        recent.log(record(5, 302, "r", "erin"));
        assertThat(recent.all().newestFirst()).extracting(AccessLogRecord::user).containsExactly("erin", "dave");
        assertThat(recent.errors().newestFirst()).extracting(AccessLogRecord::status).containsExactly(404, 503);
    }

    @Test
    void wantsEveryRecordOnlyWhileTheAuditorRingKeepsAny() {
        assertThat(new RecentRequests(10, 10).wants(200, 0, 0)).isTrue();
        RecentRequests errorsOnly = new RecentRequests(0, 10);
        assertThat(errorsOnly.wants(200, 0, 0)).isFalse();
        assertThat(errorsOnly.wants(503, 0, 0)).isTrue();
        assertThat(new RecentRequests(0, 0).wants(503, 0, 0)).isFalse();
    }

    @Test
    void concurrentWritersLoseNothingTheRingHasRoomFor() throws Exception {
        RecordRing ring = new RecordRing(4 * 1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 1000; i++) {
                    ring.add(record(thread * 1000L + i, 200, "r", null));
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ring.newestFirst()).hasSize(4000).extracting(AccessLogRecord::epochMillis).doesNotHaveDuplicates();
    }
}
