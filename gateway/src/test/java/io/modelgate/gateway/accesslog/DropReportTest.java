package io.modelgate.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DropReportTest {

    private static final long S = 1_000_000_000L;

    @Test
    void firstDropsAtOnceThenAtMostOneLinePerIntervalWithWhatCameSince() {
        DropReport r = new DropReport();
        assertThat(r.due(0, 0)).isNull();
        assertThat(r.due(3, 1 * S)).isEqualTo("access log could not keep up: 3 records dropped (3 since start; "
                + "modelgate_access_log_dropped_total)");
        assertThat(r.due(50, 2 * S)).as("within the interval").isNull();
        assertThat(r.due(90, 10 * S)).isNull();
        assertThat(r.due(100, 11 * S)).isEqualTo("access log could not keep up: 97 records dropped in the last 10 s "
                + "(100 since start; modelgate_access_log_dropped_total)");
        assertThat(r.due(100, 60 * S)).as("nothing new").isNull();
        assertThat(r.rest(100)).isNull();
        assertThat(r.rest(104)).isEqualTo("access log: 4 more records dropped before it closed (104 since start)");
    }
}
