package io.modelgate.discovery.config;

import java.util.List;

/**
 * A router's {@code tls} section: the router serves HTTPS requests only (on entry points that terminate TLS).
 *
 * @param options      name of the {@code tls.options} for the router's hosts (SNI), or null for the default
 * @param certResolver an ACME resolver name, or null
 * @param domains      domains for a certificate resolver ({@code main} first, then its {@code sans})
 */
public record RouterTls(String options, String certResolver, List<Domain> domains) {

    /** {@code tls: {}} or {@code tls=true}. */
    public static final RouterTls DEFAULT = new RouterTls(null, null, List.of());

    public RouterTls {
        domains = List.copyOf(domains);
    }

    /** One {@code tls.domains} entry. */
    public record Domain(String main, List<String> sans) {
        public Domain {
            sans = List.copyOf(sans);
        }
    }
}
