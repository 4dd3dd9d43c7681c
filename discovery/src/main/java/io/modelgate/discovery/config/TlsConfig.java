package io.modelgate.discovery.config;

import java.util.List;
import java.util.Map;

/**
 * One provider's {@code tls:} section (Traefik's dynamic TLS configuration): certificates, the default store's
 * default certificate, and named TLS options.
 *
 * @param certificates       certificates served by SNI (the names in each certificate select it)
 * @param defaultCertificate served when no certificate matches the requested name (or none was sent); may be null
 * @param options            TLS options by name ({@code default} applies where no router names others)
 */
public record TlsConfig(List<Certificate> certificates, Certificate defaultCertificate, Map<String, TlsOptions> options) {

    public static final TlsConfig EMPTY = new TlsConfig(List.of(), null, Map.of());

    public TlsConfig {
        certificates = List.copyOf(certificates);
        options = Map.copyOf(options);
    }

    public boolean isEmpty() {
        return certificates.isEmpty() && defaultCertificate == null && options.isEmpty();
    }

    /**
     * A certificate and its key: each a PEM file path, or the PEM text itself (as Traefik allows).
     *
     * @param origin where it was configured (file and line), for problems found when loading it
     */
    public record Certificate(String certFile, String keyFile, String origin) {
    }

    /**
     * Traefik's {@code tls.options.<name>}.
     *
     * @param minVersion    {@code VersionTLS12} (default) or {@code VersionTLS13}; 1.0/1.1 are accepted by name
     * @param maxVersion    highest version, or null for the newest
     * @param cipherSuites  IANA cipher suite names (TLS 1.2 and below; empty: the provider's defaults)
     * @param alpnProtocols protocols offered by ALPN, in preference order ({@code h2}, {@code http/1.1})
     * @param clientCas     PEM files (or PEM text) of the CAs client certificates must chain to
     * @param clientAuth    {@code NoClientCert}, {@code VerifyClientCertIfGiven} or {@code RequireAndVerifyClientCert}
     * @param sniStrict     refuse handshakes whose name matches no certificate instead of serving the default one
     * @param origin        where it was configured
     */
    public record TlsOptions(String minVersion, String maxVersion, List<String> cipherSuites, List<String> alpnProtocols,
                             List<String> clientCas, String clientAuth, boolean sniStrict, String origin) {

        public static final TlsOptions DEFAULT = new TlsOptions("VersionTLS12", null, List.of(), List.of("h2", "http/1.1"),
                List.of(), "NoClientCert", false, "built-in");

        public TlsOptions {
            cipherSuites = List.copyOf(cipherSuites);
            alpnProtocols = List.copyOf(alpnProtocols);
            clientCas = List.copyOf(clientCas);
        }
    }
}
