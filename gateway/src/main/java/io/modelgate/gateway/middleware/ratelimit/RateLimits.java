package io.modelgate.gateway.middleware.ratelimit;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.modelgate.discovery.config.RateLimitSpec;
import io.modelgate.gateway.redis.SharedRedis;
import io.modelgate.gateway.status.LiveProblems;
import java.time.Duration;

/**
 * Where the gateway's rate limits keep their buckets: in memory, or in the shared Redis when there is one
 * (then with the failure policy and its problem report, shared by all of them).
 */
public final class RateLimits {

    private final TimeMeter time;
    private final Ticker ticker;
    private final AsyncProxyManager<Object> redis;
    private final RedisState state;

    private RateLimits(TimeMeter time, Ticker ticker, AsyncProxyManager<Object> redis, RedisState state) {
        this.time = time;
        this.ticker = ticker;
        this.redis = redis;
        this.state = state;
    }

    /** Buckets in each gateway's memory, on the given clocks (tests pass fake ones). */
    public static RateLimits inMemory(TimeMeter time, Ticker ticker) {
        return new RateLimits(time, ticker, null, null);
    }

    /** Buckets in memory on the system clocks. */
    public static RateLimits inMemory() {
        return inMemory(TimeMeter.SYSTEM_NANOTIME, Ticker.systemTicker());
    }

    /** Buckets in {@code redis}, shared by every gateway using it; {@code failure} says what happens without it. */
    public static RateLimits inRedis(SharedRedis redis, RedisFailure failure, LiveProblems problems) {
        AsyncProxyManager<Object> manager = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(
                new RememberedStateApi(redis.bytes()))
                // the wall clock: every gateway must agree on the time a bucket was last refilled
                .clientClock(TimeMeter.SYSTEM_MILLISECONDS)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build().asAsync();
        return new RateLimits(TimeMeter.SYSTEM_NANOTIME, Ticker.systemTicker(), manager,
                new RedisState(failure, problems, System::nanoTime));
    }

    /** A rate limit middleware with its own set of buckets. */
    public RateLimitMiddleware middleware(String name, RateLimitSpec spec) {
        LocalBuckets local = new LocalBuckets(time, ticker);
        Buckets buckets = redis == null ? local : new RedisBuckets(redis, name, state, local);
        return new RateLimitMiddleware(spec, buckets);
    }

    /** Requests decided without Redis because it did not answer (0 without Redis). */
    public long redisFallbacks() {
        return state == null ? 0 : state.fallbacks();
    }
}
