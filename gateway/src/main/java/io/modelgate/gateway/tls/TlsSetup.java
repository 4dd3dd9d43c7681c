package io.modelgate.gateway.tls;

import io.modelgate.discovery.config.TlsConfig;
import java.util.List;
import java.util.Map;

/**
 * The TLS configuration of all providers together, as compiled with the routing: the certificates to serve,
 * the default one, the TLS options by qualified name, and which options a host's handshakes use (from the
 * {@code Host} rules of routers that name {@code tls.options}). Immutable; swapped with the configuration.
 *
 * @param certificates       every provider's certificates, in order
 * @param defaultCertificate the default store's default certificate, or null
 * @param options            TLS options by qualified name ({@code default@file})
 * @param optionsByHost      lower-case host to the qualified options its routers chose
 * @param acme               the certificates routers ask their {@code tls.certresolver} for
 */
public record TlsSetup(List<TlsConfig.Certificate> certificates, TlsConfig.Certificate defaultCertificate,
                       Map<String, TlsConfig.TlsOptions> options, Map<String, String> optionsByHost,
                       List<AcmeRequest> acme) {

    public static final TlsSetup EMPTY = new TlsSetup(List.of(), null, Map.of(), Map.of());

    /**
     * A certificate a router needs from a resolver.
     *
     * @param domains the names it must cover, the first as its subject ({@code tls.domains}, else the rule's hosts)
     */
    public record AcmeRequest(String resolver, List<String> domains, String router) {

        public AcmeRequest {
            domains = List.copyOf(domains);
        }
    }

    public TlsSetup {
        certificates = List.copyOf(certificates);
        options = Map.copyOf(options);
        optionsByHost = Map.copyOf(optionsByHost);
        acme = List.copyOf(acme);
    }

    public TlsSetup(List<TlsConfig.Certificate> certificates, TlsConfig.Certificate defaultCertificate,
                    Map<String, TlsConfig.TlsOptions> options, Map<String, String> optionsByHost) {
        this(certificates, defaultCertificate, options, optionsByHost, List.of());
    }

    /** The options named {@code default} in some provider (Traefik's default options), or null. */
    public String defaultOptionsName() {
        return options.keySet().stream().filter(n -> n.startsWith("default@")).sorted().findFirst().orElse(null);
    }
}
