package io.modelgate.examples.rideduration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultsTest {

    @Test
    void offUnlessTheEnvironmentSaysSo() {
        assertThat(Faults.fromEnv(Map.of())).isEqualTo(Faults.NONE);
        assertThat(Faults.fromEnv(Map.of("MODEL_DELAY_MS", "250", "MODEL_FAIL_STATUS", "503")))
                .isEqualTo(new Faults(Duration.ofMillis(250), 503));
    }

    @Test
    void aRequestsParametersWinForThatRequestOnly() {
        Faults env = Faults.fromEnv(Map.of("MODEL_DELAY_MS", "250"));
        assertThat(env.withQuery("fail=500&x=1")).isEqualTo(new Faults(Duration.ofMillis(250), 500));
        assertThat(env.withQuery("delay_ms=0")).isEqualTo(Faults.NONE);
        assertThat(env.withQuery(null)).isEqualTo(env);
        assertThat(Faults.fromEnv(Map.of("MODEL_FAIL_STATUS", "500")).withQuery("fail=0")).isEqualTo(Faults.NONE);
    }

    @Test
    void outOfRangeOrNonNumericSwitchesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> Faults.NONE.withQuery("fail=200")).hasMessageContaining("400-599");
        assertThatThrownBy(() -> Faults.NONE.withQuery("delay_ms=60001")).hasMessageContaining("60000 ms");
        assertThatThrownBy(() -> Faults.NONE.withQuery("delay_ms=-5")).hasMessageContaining("between 0");
        assertThatThrownBy(() -> Faults.NONE.withQuery("delay_ms=soon")).hasMessageContaining("delay_ms").hasMessageContaining("soon");
        assertThatThrownBy(() -> Faults.fromEnv(Map.of("MODEL_FAIL_STATUS", "oops"))).hasMessageContaining("MODEL_FAIL_STATUS");
    }
}
