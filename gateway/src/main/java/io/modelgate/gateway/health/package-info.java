/**
 * Active health checks: a GET to each checked server on a Netty event loop, its result written to the
 * server's {@link io.modelgate.gateway.lb.ServerState} for the selectors to read.
 */
package io.modelgate.gateway.health;
