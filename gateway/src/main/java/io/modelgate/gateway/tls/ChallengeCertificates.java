package io.modelgate.gateway.tls;

import io.netty.handler.ssl.SslContext;

/**
 * The certificates of ACME {@code tls-alpn-01} validation handshakes (RFC 8737): while an order waits for the
 * CA, the handshake for its name that offers only the {@code acme-tls/1} protocol gets the order's validation
 * certificate instead of the served one.
 */
@FunctionalInterface
public interface ChallengeCertificates {

    /** None waiting. */
    ChallengeCertificates NONE = host -> null;

    /**
     * @param host the lower-case SNI name
     * @return a context offering only {@code acme-tls/1}, or null when no validation waits for {@code host}
     */
    SslContext forHost(String host);
}
