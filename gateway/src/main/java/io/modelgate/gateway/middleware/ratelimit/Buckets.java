package io.modelgate.gateway.middleware.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.modelgate.discovery.config.RateLimitSpec.Limit;
import java.util.function.Consumer;

/** Where a rate limit's buckets live. */
interface Buckets {

    /**
     * Takes one token from bucket {@code key} (created full with {@code limit} if new) and tells {@code then}
     * how that went: at once, or later from another thread. A null probe means the store cannot answer and the
     * request is to be refused ({@code redis-failure=deny}).
     */
    void take(String key, Limit limit, Consumer<ConsumptionProbe> then);
}
