/**
 * Traefik's {@code rateLimit} on Bucket4j token buckets: one bucket per source (and plan) per middleware, kept
 * in memory, or in Redis so that every gateway replica draws from the same bucket. A missing Redis falls back
 * to per-gateway buckets or refuses, as {@code modelgate.ratelimit.redis-failure} says, and is reported while
 * it lasts.
 */
package io.modelgate.gateway.middleware.ratelimit;
