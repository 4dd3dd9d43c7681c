/**
 * Upstream connections: opened on the client connection's event loop, HTTP/1.1 ones pooled per loop, h2c ones
 * shared per loop by many streams; each read handed to the
 * {@link io.modelgate.gateway.proxy.upstream.UpstreamListener} of the exchange it (or its stream) is bound to.
 */
package io.modelgate.gateway.proxy.upstream;
