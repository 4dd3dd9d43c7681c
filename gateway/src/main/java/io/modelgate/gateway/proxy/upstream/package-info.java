/**
 * Upstream connections: opened on the client connection's event loop, pooled per loop, each read handed to
 * the {@link io.modelgate.gateway.proxy.upstream.UpstreamListener} of the exchange it is bound to.
 */
package io.modelgate.gateway.proxy.upstream;
