package io.modelgate.gateway.middleware.ratelimit;

import io.modelgate.discovery.Problem;
import io.modelgate.gateway.status.LiveProblems;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether the rate limits' Redis answers, shared by every Redis-backed rate limit of the gateway. After a
 * failure, requests skip Redis (the failure policy applies at once, no request waits for a dead Redis) and one
 * request per {@link #RETRY_NANOS} tries again; the first answer ends the fallback. While it lasts, it is a
 * problem in {@code /api/problems}.
 */
final class RedisState {

    static final long RETRY_NANOS = 1_000_000_000L;
    private static final String KEY = "ratelimit-redis";

    private final RedisFailure policy;
    private final LiveProblems problems;
    private final LongSupplier nanos;
    /** 0 while Redis answers; else the time from which the next request may try it. */
    private final AtomicLong retryAt = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();

    RedisState(RedisFailure policy, LiveProblems problems, LongSupplier nanos) {
        this.policy = policy;
        this.problems = problems;
        this.nanos = nanos;
    }

    RedisFailure policy() {
        return policy;
    }

    /** True if this request should ask Redis; false: apply the policy without asking. */
    boolean tryRedis() {
        long at = retryAt.get();
        if (at == 0) {
            return true;
        }
        long now = nanos.getAsLong();
        if (now - at >= 0 && retryAt.compareAndSet(at, now + RETRY_NANOS)) {
            return true; // this one probes; the others keep falling back until it answered
        }
        fallbacks.incrementAndGet();
        return false;
    }

    void failed(Throwable error) {
        fallbacks.incrementAndGet();
        long next = nanos.getAsLong() + RETRY_NANOS;
        if (retryAt.getAndSet(next == 0 ? 1 : next) == 0) {
            problems.report(KEY, new Problem("gateway", "rateLimit", "modelgate.redis.url", "Redis does not answer ("
                    + rootMessage(error) + "): rate limits are " + (policy == RedisFailure.LOCAL
                    ? "counted per gateway, not cluster-wide" : "refusing requests with 503") + " until it is back"));
        }
    }

    void answered() {
        if (retryAt.get() != 0 && retryAt.getAndSet(0) != 0) {
            problems.clear(KEY);
        }
    }

    /** True while Redis is taken for down. */
    boolean down() {
        return retryAt.get() != 0;
    }

    /** Requests decided without Redis so far (for the metric). */
    long fallbacks() {
        return fallbacks.get();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
