package io.modelgate.discovery.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Traefik's circuit-breaker expressions: the forms that map, and clear refusals of those that do not. */
class BreakerConditionTest {

    @Test
    void theThreeFormsAndTheirOr() {
        assertThat(BreakerCondition.parse("NetworkErrorRatio() > 0.30"))
                .containsExactly(new BreakerCondition.NetworkErrorRatio(0.30));
        assertThat(BreakerCondition.parse("ResponseCodeRatio(500, 600, 0, 600) > 0.25"))
                .containsExactly(new BreakerCondition.ResponseCodeRatio(500, 600, 0, 600, 0.25));
        assertThat(BreakerCondition.parse("LatencyAtQuantileMS(50.0) > 100"))
                .containsExactly(new BreakerCondition.LatencyAtQuantile(50.0, 100));
        assertThat(BreakerCondition.parse("NetworkErrorRatio() > 0.5 || LatencyAtQuantileMS(99) > 2000"))
                .containsExactly(new BreakerCondition.NetworkErrorRatio(0.5), new BreakerCondition.LatencyAtQuantile(99, 2000));
    }

    @Test
    void whatCannotBeMappedIsRefusedAndSaysWhy() {
        assertThatThrownBy(() -> BreakerCondition.parse("NetworkErrorRatio() > 0.5 && LatencyAtQuantileMS(50) > 100"))
                .hasMessageContaining("'&&' cannot be mapped");
        assertThatThrownBy(() -> BreakerCondition.parse("NetworkErrorRatio() < 0.5")).hasMessageContaining("use >");
        assertThatThrownBy(() -> BreakerCondition.parse("(NetworkErrorRatio() > 0.5)")).hasMessageContaining("parentheses");
        assertThatThrownBy(() -> BreakerCondition.parse("ErrorRatio() > 0.5")).hasMessageContaining("cannot read");
        assertThatThrownBy(() -> BreakerCondition.parse("NetworkErrorRatio() > 1.5")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> BreakerCondition.parse("ResponseCodeRatio(500, 600) > 0.5")).hasMessageContaining("4 arguments");
        assertThatThrownBy(() -> BreakerCondition.parse("ResponseCodeRatio(500, 600, 0, 500) > 0.5"))
                .hasMessageContaining("within [c, d)");
        assertThatThrownBy(() -> BreakerCondition.parse("LatencyAtQuantileMS(100) > 5")).hasMessageContaining("quantile");
        assertThatThrownBy(() -> BreakerCondition.parse(" ")).hasMessageContaining("needs an expression");
    }

    @Test
    void specDefaultsAreTraefiks() {
        CircuitBreakerSpec spec = CircuitBreakerSpec.of("NetworkErrorRatio() > 0.5", null, null, null, 0);
        assertThat(spec.fallbackDuration()).hasSeconds(10);
        assertThat(spec.recoveryDuration()).hasSeconds(10);
        assertThat(spec.checkPeriod()).hasMillis(100);
        assertThat(spec.responseCode()).isEqualTo(503);
    }
}
