package io.modelgate.gateway.acme;

import io.modelgate.gateway.tls.AcmeTlsSniHandler;
import io.modelgate.gateway.tls.ChallengeCertificates;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * Answers the CA's {@code tls-alpn-01} validation handshakes (RFC 8737) on the TLS entry points: while an order
 * waits, the name's validation certificate (self-signed, carrying the key authorization's digest in its
 * {@code acmeIdentifier} extension) is served to the handshake that offers only {@code acme-tls/1}, which is
 * the only protocol its context offers. Built on the order's thread; read by handshakes (a map lookup).
 */
public final class TlsAlpn01Responder implements ChallengeCertificates {

    private final Map<String, SslContext> waiting = new ConcurrentHashMap<>();

    /** While an order waits for the CA, handshakes validating {@code host} get {@code certificate}. */
    void expect(String host, KeyPair key, X509Certificate certificate) throws SSLException {
        // the JDK provider: validation handshakes are rare, and it needs no native library
        SslContext context = SslContextBuilder.forServer(key.getPrivate(), certificate).sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2") // RFC 8737 §3: TLS 1.2 or later
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, AcmeTlsSniHandler.ACME_TLS_1))
                .build();
        waiting.put(host.toLowerCase(Locale.ROOT), context);
    }

    void forget(String host) {
        waiting.remove(host.toLowerCase(Locale.ROOT));
    }

    @Override
    public SslContext forHost(String host) {
        return waiting.get(host);
    }
}
