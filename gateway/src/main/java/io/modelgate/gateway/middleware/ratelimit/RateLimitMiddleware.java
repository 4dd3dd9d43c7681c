package io.modelgate.gateway.middleware.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.modelgate.discovery.config.RateLimitSpec;
import io.modelgate.discovery.config.RateLimitSpec.Limit;
import io.modelgate.gateway.middleware.source.SourceKey;
import io.modelgate.gateway.pipeline.Identity;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Traefik's {@code rateLimit}: one token per request from the bucket of its source; an empty bucket answers 429
 * with {@code Retry-After} and the {@code RateLimit-*} headers, and nothing is forwarded. A caller whose identity
 * names a plan of {@code plans} draws from a bucket of that plan's size instead. The buckets belong to the
 * middleware: every router using it shares them.
 */
public final class RateLimitMiddleware implements Middleware {

    private final RateLimitSpec spec;
    private final SourceKey source;
    private final Buckets buckets;
    private final LongAdder rejected = new LongAdder();

    RateLimitMiddleware(RateLimitSpec spec, Buckets buckets) {
        this.spec = spec;
        this.source = new SourceKey(spec.sourceCriterion());
        this.buckets = buckets;
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        Identity identity = next.identity();
        String plan = identity == null || identity.plan() == null ? null : identity.plan().toLowerCase(Locale.ROOT);
        Limit planLimit = plan == null ? null : spec.plans().get(plan);
        Limit limit = planLimit != null ? planLimit : spec.limit();
        if (limit.unlimited()) {
            next.proceed();
            return;
        }
        String key = (planLimit != null ? plan : "") + "|" + source.of(request, identity);
        buckets.take(key, limit, probe -> decide(probe, limit, next));
    }

    private void decide(ConsumptionProbe probe, Limit limit, RequestControl next) {
        if (probe == null) {
            next.refuse(503, "rate limit unavailable", Map.of("Retry-After", "1"));
            return;
        }
        if (probe.isConsumed()) {
            next.proceed();
            return;
        }
        rejected.increment();
        next.refuse(429, "too many requests", refusalHeaders(limit, probe.getNanosToWaitForRefill()));
    }

    /**
     * Retry-After and the IETF draft's RateLimit headers: the limit per period, what is left (nothing), and the
     * seconds until a request would pass again (never 0: a client retrying at once would be refused again).
     */
    static Map<String, String> refusalHeaders(Limit limit, long nanosToWait) {
        String seconds = Long.toString(Math.max(1, (nanosToWait + 999_999_999L) / 1_000_000_000L));
        return Map.of("Retry-After", seconds, "RateLimit-Limit", Long.toString(limit.average()),
                "RateLimit-Remaining", "0", "RateLimit-Reset", seconds);
    }

    /** Requests refused with 429 so far. */
    public long rejected() {
        return rejected.sum();
    }

    @Override
    public String toString() {
        return "rateLimit" + spec.limit();
    }
}
