/** The data plane: Netty handlers for the entry point (client side) and the upstream connections. */
package io.modelgate.gateway.proxy;
