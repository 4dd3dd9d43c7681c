package io.modelgate.discovery.config;

import java.time.Duration;
import java.util.List;

/**
 * Traefik's {@code circuitBreaker}: while {@code expression} holds over the last 10 s of calls, the circuit is
 * open and calls are answered with {@code responseCode} at once, nothing forwarded; after
 * {@code fallbackDuration} a few calls test the service during at most {@code recoveryDuration}.
 *
 * @param expression       as written
 * @param conditions       its terms, any of which trips the circuit
 * @param checkPeriod      Traefik's evaluation period; accepted (modelgate evaluates on every call)
 * @param fallbackDuration how long the circuit stays open (Traefik's default 10s)
 * @param recoveryDuration the longest half-open phase (Traefik's default 10s)
 * @param responseCode     the status while open (Traefik's default 503)
 */
public record CircuitBreakerSpec(String expression, List<BreakerCondition> conditions, Duration checkPeriod,
                                 Duration fallbackDuration, Duration recoveryDuration, int responseCode) implements MiddlewareSpec {

    public CircuitBreakerSpec {
        conditions = List.copyOf(conditions);
        checkPeriod = checkPeriod == null ? Duration.ofMillis(100) : checkPeriod;
        fallbackDuration = fallbackDuration == null ? Duration.ofSeconds(10) : fallbackDuration;
        recoveryDuration = recoveryDuration == null ? Duration.ofSeconds(10) : recoveryDuration;
        if (fallbackDuration.isZero() || recoveryDuration.isZero() || checkPeriod.isZero()) {
            throw new IllegalArgumentException("circuitBreaker durations must be positive");
        }
        responseCode = responseCode == 0 ? 503 : responseCode;
        if (responseCode < 400 || responseCode > 599) {
            throw new IllegalArgumentException("circuitBreaker.responseCode must be 400-599, got " + responseCode);
        }
    }

    /** Parses {@code expression}; throws {@link IllegalArgumentException} if it cannot be mapped. */
    public static CircuitBreakerSpec of(String expression, Duration checkPeriod, Duration fallbackDuration,
                                        Duration recoveryDuration, int responseCode) {
        return new CircuitBreakerSpec(expression, BreakerCondition.parse(expression), checkPeriod, fallbackDuration,
                recoveryDuration, responseCode);
    }

    @Override
    public String type() {
        return "circuitBreaker";
    }
}
