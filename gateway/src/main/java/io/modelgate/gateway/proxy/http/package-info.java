/**
 * HTTP/1.1 rules as pure functions, no channels: request targets and Host, request ids, forwarding and
 * hop-by-hop headers, the framing of responses the gateway relays or makes, its own error bodies.
 */
package io.modelgate.gateway.proxy.http;
