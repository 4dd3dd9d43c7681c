/**
 * TLS termination: certificates from PEM files (or PEM text) chosen by SNI, reloaded when their files change,
 * and Traefik's TLS options (versions, cipher suites, ALPN, client certificates) turned into Netty
 * {@code SslContext}s. Imports no other gateway package: the entry points ask it for a context per handshake.
 */
package io.modelgate.gateway.tls;
