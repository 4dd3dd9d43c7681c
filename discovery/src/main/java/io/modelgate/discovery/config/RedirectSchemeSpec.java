package io.modelgate.discovery.config;

import static java.util.Objects.requireNonNull;

/**
 * Traefik's {@code redirectScheme}: answers with a redirect to the same host and path in another scheme
 * (and port); a request already there passes on.
 *
 * @param scheme    {@code https} or {@code http}
 * @param port      the port to redirect to, or null to drop the request's port (the scheme's default port)
 * @param permanent 301/308 instead of 302/307
 */
public record RedirectSchemeSpec(String scheme, String port, boolean permanent) implements MiddlewareSpec {

    public RedirectSchemeSpec {
        requireNonNull(scheme, "scheme");
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("redirectScheme.scheme must be http or https, got '" + scheme + "'");
        }
        if (port != null) {
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("redirectScheme.port must be a port number, got '" + port + "'");
            }
            if (p < 1 || p > 65535) {
                throw new IllegalArgumentException("redirectScheme.port must be 1-65535, got " + p);
            }
        }
    }

    @Override
    public String type() {
        return "redirectScheme";
    }
}
