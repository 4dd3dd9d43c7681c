package io.modelgate.gateway.middleware.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.modelgate.discovery.config.RateLimitSpec.Limit;
import java.util.function.Consumer;

/**
 * One middleware's buckets in Redis, under {@code modelgate:ratelimit:<middleware>:…}, so every gateway with
 * the same Redis draws from the same bucket. The call is asynchronous (the event loop never waits); when Redis
 * cannot answer, {@link RedisState} says what to do meanwhile and when to try Redis again.
 */
final class RedisBuckets implements Buckets {

    private final AsyncProxyManager<Object> redis;
    private final String prefix;
    private final RedisState state;
    private final LocalBuckets fallback;

    RedisBuckets(AsyncProxyManager<Object> redis, String middleware, RedisState state, LocalBuckets fallback) {
        this.redis = redis;
        this.prefix = "modelgate:ratelimit:" + middleware + ":";
        this.state = state;
        this.fallback = fallback;
    }

    @Override
    public void take(String key, Limit limit, Consumer<ConsumptionProbe> then) {
        if (!state.tryRedis()) {
            failedOver(key, limit, then);
            return;
        }
        String redisKey = prefix + BucketShapes.tag(limit) + ":" + key;
        redis.builder().build(redisKey, () -> java.util.concurrent.CompletableFuture.completedFuture(
                        BucketShapes.configuration(limit)))
                .tryConsumeAndReturnRemaining(1)
                .whenComplete((probe, error) -> {
                    if (error != null) {
                        state.failed(error);
                        failedOver(key, limit, then);
                    } else {
                        state.answered();
                        then.accept(probe);
                    }
                });
    }

    private void failedOver(String key, Limit limit, Consumer<ConsumptionProbe> then) {
        then.accept(state.policy() == RedisFailure.LOCAL ? fallback.probe(key, limit) : null);
    }
}
