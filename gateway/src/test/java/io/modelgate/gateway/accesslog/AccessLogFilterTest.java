package io.modelgate.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessLogFilterTest {

    private static final long MS = 1_000_000;

    @Test
    void withNothingSetEveryRequestIsWritten() {
        AccessLogFilter f = AccessLogFilter.of(List.of(), false, Duration.ZERO);
        assertThat(f.all()).isTrue();
        assertThat(f.keep(200, 0, 0)).isTrue();
        assertThat(AccessLogFilter.ALL.keep(599, 0, 0)).isTrue();
    }

    @ParameterizedTest(name = "{0} retries={1} {2}ms -> {3}")
    @CsvSource({
        "200, 0, 1,   false",
        "404, 0, 1,   true",
        "400, 0, 1,   true",
        "499, 0, 1,   true",
        "500, 0, 1,   false",
        "503, 0, 1,   true",
        "200, 1, 1,   true",
        "200, 0, 51,  true",
        "200, 0, 50,  false",
    })
    void anySetFilterTakesTheRequest(int status, int retries, long millis, boolean kept) {
        AccessLogFilter f = AccessLogFilter.of(List.of("400-499", "503"), true, Duration.ofMillis(50));
        assertThat(f.keep(status, retries, millis * MS)).isEqualTo(kept);
    }

    @Test
    void retriesAloneAndDurationAloneFilter() {
        AccessLogFilter retried = AccessLogFilter.of(List.of(), true, null);
        assertThat(retried.keep(500, 0, 999 * MS)).isFalse();
        assertThat(retried.keep(200, 2, 0)).isTrue();
        AccessLogFilter slow = AccessLogFilter.of(List.of(), false, Duration.ofSeconds(1));
        assertThat(slow.keep(500, 3, 999 * MS)).isFalse();
        assertThat(slow.keep(200, 0, 1001 * MS)).isTrue();
    }

    @Test
    void aCommaListInOneValueIsSeveralRanges() {
        AccessLogFilter f = AccessLogFilter.of(List.of("200, 300-302"), false, null);
        assertThat(f.keep(200, 0, 0)).isTrue();
        assertThat(f.keep(301, 0, 0)).isTrue();
        assertThat(f.keep(303, 0, 0)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4xx", "499-400", "99", "1000", "-", "200-"})
    void aBadRangeIsOneLineNamingTheSetting(String range) {
        assertThatThrownBy(() -> AccessLogFilter.of(List.of(range), false, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("modelgate.access-log.filters.status-codes: '" + range
                        + "' is not a status (404) or a range of them (400-499)");
    }
}
