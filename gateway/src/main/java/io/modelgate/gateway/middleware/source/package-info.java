/**
 * Traefik's {@code sourceCriterion}: which requests count as one source for rateLimit and inFlightReq
 * (the client IP by {@code ipStrategy}, a header, the host, or modelgate's authenticated user).
 */
package io.modelgate.gateway.middleware.source;
