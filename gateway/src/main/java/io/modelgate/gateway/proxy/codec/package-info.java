/** The client side's HTTP/1.1 codec: Netty's decoder behind a strict check of each request head's raw bytes. */
package io.modelgate.gateway.proxy.codec;
