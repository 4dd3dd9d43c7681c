/** Traefik's {@code retry}: which failed tries are sent again, and after what exponential, jittered pause. */
package io.modelgate.gateway.middleware.retry;
