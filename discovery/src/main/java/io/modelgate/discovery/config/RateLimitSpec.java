package io.modelgate.discovery.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Traefik's {@code rateLimit}: a token bucket per source, plus modelgate's limits per plan.
 *
 * @param limit           the limit for requests whose caller has no plan of {@code plans}
 * @param sourceCriterion what one bucket counts (default: the client IP)
 * @param plans           limits by plan name, lower case, for callers whose identity names that plan
 */
public record RateLimitSpec(Limit limit, SourceCriterion sourceCriterion, Map<String, Limit> plans) implements MiddlewareSpec {

    /**
     * One token bucket: {@code average} requests per {@code period} on average, at most {@code burst} at once.
     * An {@code average} of 0 means no limit (Traefik's meaning).
     */
    public record Limit(long average, Duration period, long burst) {

        public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(1);

        public Limit {
            period = period == null ? DEFAULT_PERIOD : period;
            if (average < 0) {
                throw new IllegalArgumentException("average must be >= 0, got " + average);
            }
            if (period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("period must be positive");
            }
            if (burst < 0) {
                throw new IllegalArgumentException("burst must be >= 0, got " + burst);
            }
            burst = Math.max(1, burst); // Traefik: a burst below 1 is 1
        }

        /** True if this limit lets everything through. */
        public boolean unlimited() {
            return average == 0;
        }
    }

    public RateLimitSpec {
        Objects.requireNonNull(limit, "limit");
        sourceCriterion = sourceCriterion == null ? SourceCriterion.clientIp() : sourceCriterion;
        plans = Map.copyOf(plans);
    }

    @Override
    public String type() {
        return "rateLimit";
    }
}
