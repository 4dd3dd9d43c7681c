package io.modelgate.gateway.middleware.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.modelgate.discovery.config.RateLimitSpec.Limit;
import java.util.function.Consumer;

/**
 * Buckets in this gateway's memory, lock-free (Bucket4j's default). A bucket nobody used for as long as it takes
 * to refill is full again, so it is forgotten then: memory follows the active sources, not every source seen.
 */
final class LocalBuckets implements Buckets {

    /** Sources remembered at most; beyond, the least recently used go (they come back full). */
    static final long MAX_BUCKETS = 1_000_000;

    private final TimeMeter time;
    private final Cache<String, Entry> buckets;

    private record Entry(Bucket bucket, long idleNanos) {
    }

    LocalBuckets(TimeMeter time, Ticker ticker) {
        this.time = time;
        this.buckets = Caffeine.newBuilder().ticker(ticker).maximumSize(MAX_BUCKETS)
                .expireAfter(Expiry.accessing((String k, Entry e) -> java.time.Duration.ofNanos(e.idleNanos()))).build();
    }

    @Override
    public void take(String key, Limit limit, Consumer<ConsumptionProbe> then) {
        then.accept(probe(key, limit));
    }

    /** Takes one token, synchronously. */
    ConsumptionProbe probe(String key, Limit limit) {
        Entry e = buckets.get(key, k -> new Entry(Bucket.builder().addLimit(BucketShapes.bandwidth(limit))
                .withCustomTimePrecision(time).build(), BucketShapes.refillTime(limit).toNanos()));
        return e.bucket().tryConsumeAndReturnRemaining(1);
    }
}
