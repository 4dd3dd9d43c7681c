package io.modelgate.gateway.middleware.ratelimit;

/** What a Redis-backed rate limit does while Redis cannot answer ({@code modelgate.ratelimit.redis-failure}). */
public enum RedisFailure {
    /** Each gateway limits with its own buckets (per gateway, not cluster-wide) until Redis is back. */
    LOCAL,
    /** Requests under a Redis-backed limit get 503 until Redis is back. */
    DENY
}
