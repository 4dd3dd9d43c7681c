package io.modelgate.gateway.proxy;

import static java.util.Objects.requireNonNull;

import io.modelgate.gateway.tls.CertificateStore;
import java.net.InetAddress;
import java.util.function.Predicate;

/**
 * One entry point as the data plane runs it.
 *
 * @param settings       address, port, limits and timeouts
 * @param trustedProxies clients whose {@code X-Forwarded-*} are kept
 * @param tls            TLS termination, or null for plain HTTP
 * @param http2Streams   concurrent HTTP/2 streams per connection when {@code h2} is negotiated; 0: HTTP/1.1 only
 */
public record Entrypoint(EntrypointSettings settings, Predicate<InetAddress> trustedProxies, Tls tls, int http2Streams) {

    public Entrypoint {
        requireNonNull(settings, "settings");
        requireNonNull(trustedProxies, "trustedProxies");
    }

    public String name() {
        return settings.name();
    }

    /**
     * @param store          the certificates (shared by all TLS entry points)
     * @param defaultOptions qualified TLS options for names no router chose options for, or null
     */
    public record Tls(CertificateStore store, String defaultOptions) {
    }
}
