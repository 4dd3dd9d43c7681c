package io.modelgate.gateway.config;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.LoggerFactory;

/** {@code modelgate.tls.provider} to a Netty {@link SslProvider}: the JDK's, or OpenSSL (BoringSSL) when it loads. */
final class TlsProviders {

    private TlsProviders() {
    }

    static SslProvider choose(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "jdk" -> SslProvider.JDK;
            case "openssl" -> {
                if (OpenSsl.isAvailable()) {
                    yield SslProvider.OPENSSL;
                }
                LoggerFactory.getLogger(TlsProviders.class).warn("modelgate.tls.provider=openssl: OpenSSL is not available "
                        + "({}); using the JDK's TLS", OpenSsl.unavailabilityCause() == null ? "?" : OpenSsl.unavailabilityCause().toString());
                yield SslProvider.JDK;
            }
            default -> throw new IllegalArgumentException("modelgate.tls.provider must be jdk or openssl, not '" + name + "'");
        };
    }
}
