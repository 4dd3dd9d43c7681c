/** Traefik's {@code circuitBreaker} on Resilience4j: one breaker per expression term, any open one refuses. */
package io.modelgate.gateway.middleware.circuitbreaker;
