package io.modelgate.discovery.config;

import java.util.List;

/**
 * A load balancer over servers.
 *
 * @param servers        the servers; may be empty (then the service answers 503)
 * @param passHostHeader forward the client's Host header (Traefik's default, {@code true}); when false
 *                       the upstream request carries the server's host and port
 * @param sticky         session affinity, or null for plain weighted round robin
 */
public record LoadBalancerSpec(List<ServerSpec> servers, boolean passHostHeader, StickySpec sticky) {

    public LoadBalancerSpec {
        servers = List.copyOf(servers);
    }

    /** Without session affinity. */
    public LoadBalancerSpec(List<ServerSpec> servers, boolean passHostHeader) {
        this(servers, passHostHeader, null);
    }
}
