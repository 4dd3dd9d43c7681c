package io.modelgate.gateway.middleware.circuitbreaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.modelgate.discovery.config.BreakerCondition;
import io.modelgate.discovery.config.CircuitBreakerSpec;
import java.time.Clock;
import java.time.Duration;

/**
 * How one expression term becomes a Resilience4j breaker. Traefik looks at a rolling 10 s window and has no
 * minimum number of calls; so do these (a time-based window of 10 s, one call is enough). A ratio term is a
 * failure-rate threshold; a latency term is a slow-call threshold: {@code LatencyAtQuantileMS(q) > ms} holds
 * exactly when more than {@code 100 - q} % of calls take longer than {@code ms}.
 */
final class Breakers {

    static final int WINDOW_SECONDS = 10;
    static final int HALF_OPEN_CALLS = 3;

    private Breakers() {
    }

    static CircuitBreaker of(String name, BreakerCondition condition, CircuitBreakerSpec spec, Clock clock) {
        CircuitBreakerConfig.Builder b = CircuitBreakerConfig.custom()
                .slidingWindow(WINDOW_SECONDS, 1, CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .waitDurationInOpenState(spec.fallbackDuration())
                .maxWaitDurationInHalfOpenState(spec.recoveryDuration())
                .permittedNumberOfCallsInHalfOpenState(HALF_OPEN_CALLS)
                .clock(clock)
                .recordExceptions(Throwable.class);
        switch (condition) {
            case BreakerCondition.NetworkErrorRatio n -> b.failureRateThreshold(percent(n.ratio()))
                    .slowCallRateThreshold(100).slowCallDurationThreshold(Duration.ofDays(1));
            case BreakerCondition.ResponseCodeRatio r -> b.failureRateThreshold(percent(r.ratio()))
                    .slowCallRateThreshold(100).slowCallDurationThreshold(Duration.ofDays(1));
            case BreakerCondition.LatencyAtQuantile l -> b.failureRateThreshold(100)
                    .slowCallRateThreshold(percent((100 - l.quantile()) / 100))
                    .slowCallDurationThreshold(Duration.ofNanos((long) (l.millis() * 1_000_000)));
        }
        return CircuitBreaker.of(name, b.build());
    }

    /** Traefik trips above the ratio, Resilience4j at it: the smallest float above makes them agree. */
    private static float percent(double ratio) {
        return Math.min(100f, Math.nextUp((float) (ratio * 100)));
    }
}
