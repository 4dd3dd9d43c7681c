package io.modelgate.gateway.middleware.circuitbreaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.modelgate.discovery.config.CircuitBreakerSpec;
import io.modelgate.gateway.pipeline.UpstreamCall;
import io.modelgate.gateway.testsupport.RecordingCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Breaker state changes on an injected clock: calls are fakes that end with a chosen outcome. */
class CircuitBreakerMiddlewareTest {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final TestClock clock = new TestClock();
    long nanos;

    CircuitBreakerMiddleware breaker(String expression) {
        return new CircuitBreakerMiddleware("cb", CircuitBreakerSpec.of(expression, null, Duration.ofSeconds(5),
                Duration.ofSeconds(10), 0), clock, () -> nanos);
    }

    RecordingCall call(CircuitBreakerMiddleware m, int status, boolean fromService, long tookMillis) {
        RecordingCall c = new RecordingCall();
        m.aroundCall(c);
        if (c.proceeded) {
            nanos += tookMillis * 1_000_000;
            c.listener.accept(new UpstreamCall.Outcome(status, fromService));
        }
        return c;
    }

    @Test
    void networkErrorsOpenTheCircuitWhichRefusesAtOnceThenRecovers() {
        CircuitBreakerMiddleware m = breaker("NetworkErrorRatio() > 0.5");
        call(m, 200, true, 5);
        call(m, 502, false, 5);
        assertThat(m.open()).as("1 of 2 is not above 0.5").isFalse();
        call(m, 502, false, 5);
        assertThat(m.open()).as("2 of 3").isTrue();
        RecordingCall refused = call(m, 200, true, 5);
        assertThat(refused.proceeded).as("nothing forwarded").isFalse();
        assertThat(refused.refusedWith).isEqualTo(503);
        assertThat(m.refused()).isEqualTo(1);

        clock.now = clock.now.plusSeconds(6); // past fallbackDuration: half-open, a few calls test the service
        for (int i = 0; i < Breakers.HALF_OPEN_CALLS; i++) {
            assertThat(call(m, 200, true, 5).proceeded).isTrue();
        }
        assertThat(m.states()).containsExactly(State.CLOSED);
    }

    @Test
    void aFailedTestInHalfOpenOpensAgain() {
        CircuitBreakerMiddleware m = breaker("NetworkErrorRatio() > 0.5");
        call(m, 504, false, 5);
        assertThat(m.open()).isTrue();
        clock.now = clock.now.plusSeconds(6);
        for (int i = 0; i < Breakers.HALF_OPEN_CALLS; i++) {
            call(m, 502, false, 5);
        }
        assertThat(m.states()).containsExactly(State.OPEN);
    }

    @Test
    void responseCodeRatioCountsOnlyItsDivisor() {
        CircuitBreakerMiddleware m = breaker("ResponseCodeRatio(500, 600, 200, 600) > 0.5");
        for (int i = 0; i < 5; i++) {
            call(m, 101, true, 1); // outside [200, 600): not counted
        }
        call(m, 200, true, 1);
        call(m, 500, true, 1);
        assertThat(m.open()).isFalse();
        call(m, 503, true, 1);
        assertThat(m.open()).as("2 of 3 counted are 5xx").isTrue();
    }

    @Test
    void latencyQuantileIsTheSlowCallRate() {
        CircuitBreakerMiddleware m = breaker("LatencyAtQuantileMS(50) > 100");
        call(m, 200, true, 20);
        call(m, 200, true, 150);
        assertThat(m.open()).as("median not above 100 ms yet").isFalse();
        call(m, 200, true, 300);
        assertThat(m.open()).as("2 of 3 slower than 100 ms").isTrue();
    }

    @Test
    void orOpensWhenEitherTrips() {
        CircuitBreakerMiddleware m = breaker("NetworkErrorRatio() > 0.9 || LatencyAtQuantileMS(50) > 100");
        call(m, 200, true, 500);
        assertThat(m.states()).containsExactly(State.CLOSED, State.OPEN);
        assertThat(call(m, 200, true, 1).refusedWith).isEqualTo(503);
    }

    @Test
    void oldCallsLeaveTheTenSecondWindow() {
        CircuitBreakerMiddleware m = breaker("NetworkErrorRatio() > 0.5");
        call(m, 200, true, 1);
        call(m, 200, true, 1);
        clock.now = clock.now.plusSeconds(11);
        call(m, 502, false, 1);
        assertThat(m.open()).as("the two successes are out of the window: 1 of 1 failed").isTrue();
        assertThat(m.transitions()).isEqualTo(1);
        assertThat(List.of(m.toString())).containsExactly("circuitBreaker(NetworkErrorRatio() > 0.5)");
    }
}
