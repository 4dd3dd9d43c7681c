/**
 * The gateway's one Redis client ({@code modelgate.redis.url}), shared by everything several replicas must
 * agree on: dedicated-instance leases and rate-limit buckets. Commands fail at once while the connection is
 * down (nothing waits in a buffer), so each user decides what a missing Redis means for it.
 */
package io.modelgate.gateway.redis;
