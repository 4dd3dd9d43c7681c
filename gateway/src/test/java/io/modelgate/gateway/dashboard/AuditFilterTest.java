package io.modelgate.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.accesslog.AccessLogRecord;
import io.modelgate.gateway.accesslog.RecordRingTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The auditor's filter: who, which model, which status class, when; bad fields named, not silently dropped. */
class AuditFilterTest {

    private static final long T = Instant.parse("2026-12-02T17:30:00Z").toEpochMilli();

    private static AccessLogRecord record(long millis, int status, String router, String user) {
        return RecordRingTest.record(millis, status, router, user);
    }

    @Test
    void emptyMatchesEverything() {
        AuditFilter f = AuditFilter.parse(Map.of());
        assertThat(f.test(record(T, 200, null, null))).isTrue();
        assertThat(f.errors()).isEmpty();
    }

    @Test
    void userIsExactModelIsAPartOfRouterOrService() {
        AuditFilter f = AuditFilter.parse(Map.of("user", "alice", "model", "Sentiment"));
        assertThat(f.test(record(T, 200, "sentiment@docker", "alice"))).isTrue();
        assertThat(f.test(record(T, 200, "sentiment@docker", "alice2"))).isFalse();
        assertThat(f.test(record(T, 200, "ner@docker", "alice"))).isFalse();
        assertThat(f.test(record(T, 404, null, "alice"))).as("not routed: no model").isFalse();
        assertThat(AuditFilter.parse(Map.of("model", "s@file")).test(record(T, 200, "other@file", "x")))
                .as("the service name counts too").isTrue();
    }

    @Test
    void statusClassAndTimeRangeInUtc() {
        AuditFilter f = AuditFilter.parse(Map.of("status", "5xx", "from", "2026-12-02T17:30", "to", "2026-12-02T17:31:00"));
        assertThat(f.test(record(T, 503, "r", null))).isTrue();
        assertThat(f.test(record(T, 404, "r", null))).isFalse();
        assertThat(f.test(record(T - 1, 503, "r", null))).as("before from").isFalse();
        assertThat(f.test(record(T + 60_000, 503, "r", null))).as("to is exclusive").isFalse();
        assertThat(AuditFilter.inputValue(f.from())).isEqualTo("2026-12-02T17:30");
    }

    @Test
    void unreadableFieldsAreIgnoredAndNamed() {
        AuditFilter f = AuditFilter.parse(Map.of("status", "teapot", "from", "yesterday"));
        assertThat(f.errors()).containsExactly("status must be 1xx to 5xx, not 'teapot'",
                "from must be a time like 2026-12-02T17:30 (UTC), not 'yesterday'");
        assertThat(f.test(record(T, 418, "r", null))).isTrue();
    }
}
