package io.modelgate.gateway.middleware.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.modelgate.discovery.config.RateLimitSpec.Limit;
import java.time.Duration;

/** A {@link Limit} as Bucket4j sees it: Traefik's average per period refilled continuously into a bucket of burst. */
final class BucketShapes {

    private BucketShapes() {
    }

    /** The bandwidth: {@code burst} tokens, refilled greedily at {@code average / period}. */
    static Bandwidth bandwidth(Limit limit) {
        // the same rate as average per period, written with at most burst tokens per refill period
        long tokens = Math.min(limit.average(), limit.burst());
        long periodNanos = Math.max(1, scale(limit.period().toNanos(), tokens, limit.average()));
        return Bandwidth.builder().capacity(limit.burst()).refillGreedy(tokens, Duration.ofNanos(periodNanos)).build();
    }

    static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    /** How long an untouched bucket takes to be full again: after that, forgetting it changes nothing. */
    static Duration refillTime(Limit limit) {
        return Duration.ofNanos(Math.max(1_000_000_000L, scale(limit.period().toNanos(), limit.burst(), limit.average())));
    }

    /** {@code value * times / by}, exact unless the product overflows. */
    private static long scale(long value, long times, long by) {
        try {
            return Math.multiplyExact(value, times) / by;
        } catch (ArithmeticException e) {
            return value / by * times;
        }
    }

    /** A short text that changes with the limit, so that a changed limit starts new buckets. */
    static String tag(Limit limit) {
        return limit.average() + "/" + limit.period().toMillis() + "ms/" + limit.burst();
    }
}
