package io.modelgate.gateway.runtime;

import static java.util.Objects.requireNonNull;

import io.modelgate.discovery.config.RouterTls;

/**
 * What routing needs to know about an entry point: its name, whether it terminates TLS (routers with
 * {@code tls} are served only there), its redirection, if every request on it is redirected, and the TLS its
 * routers get when they have none of their own.
 *
 * @param name       {@code web}, {@code websecure}, …
 * @param tls        the entry point terminates TLS
 * @param redirect   Traefik's {@code http.redirections.entryPoint}, or null
 * @param routersTls Traefik's entry-point {@code http.tls} (its {@code certResolver} and {@code domains}) for the
 *                   routers on it without a {@code tls} of their own, or null; a router's own {@code tls}
 *                   replaces it whole, as in Traefik
 */
public record EntryPoint(String name, boolean tls, Redirect redirect, RouterTls routersTls) {

    public EntryPoint {
        requireNonNull(name, "name");
        if (routersTls != null && !tls) {
            throw new IllegalArgumentException("entry point " + name + ": a default router TLS needs a TLS entry point");
        }
    }

    public EntryPoint(String name, boolean tls, Redirect redirect) {
        this(name, tls, redirect, null);
    }

    public static EntryPoint plain(String name) {
        return new EntryPoint(name, false, null);
    }

    /**
     * Every request on the entry point is answered with a redirect to this scheme and port.
     *
     * @param to        the target entry point's name (for the router's name and the API)
     * @param scheme    {@code https} or {@code http}
     * @param port      the port in the {@code Location}, or null for the scheme's default
     * @param permanent 301/308 rather than 302/307
     */
    public record Redirect(String to, String scheme, String port, boolean permanent) {
    }
}
