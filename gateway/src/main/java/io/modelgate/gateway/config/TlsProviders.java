package io.modelgate.gateway.config;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code modelgate.tls.provider} to a Netty {@link SslProvider}. OpenSSL (BoringSSL) is chosen by default where
 * netty-tcnative loads because {@code bench/tls.sh} measured it cheaper in every case (half the CPU per handshake,
 * 5% less on kept-alive connections); the JDK's TLS is the fallback, and the only choice where no native library
 * loads (the gateway's jar carries it for Linux x86_64 and aarch64, macOS and Windows).
 */
final class TlsProviders {

    private static final Logger LOG = LoggerFactory.getLogger(TlsProviders.class);

    private TlsProviders() {
    }

    static SslProvider choose(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "jdk" -> SslProvider.JDK;
            case "auto" -> {
                if (OpenSsl.isAvailable()) {
                    LOG.info("TLS by OpenSSL ({}); modelgate.tls.provider=jdk selects the JDK's", OpenSsl.versionString());
                    yield SslProvider.OPENSSL;
                }
                LOG.info("TLS by the JDK: OpenSSL (netty-tcnative) does not load on this platform ({})", cause());
                yield SslProvider.JDK;
            }
            case "openssl" -> {
                if (OpenSsl.isAvailable()) {
                    yield SslProvider.OPENSSL;
                }
                LOG.warn("modelgate.tls.provider=openssl: OpenSSL is not available ({}); using the JDK's TLS", cause());
                yield SslProvider.JDK;
            }
            default -> throw new IllegalArgumentException("modelgate.tls.provider must be auto, openssl or jdk, not '" + name + "'");
        };
    }

    private static String cause() {
        return OpenSsl.unavailabilityCause() == null ? "?" : OpenSsl.unavailabilityCause().toString();
    }
}
