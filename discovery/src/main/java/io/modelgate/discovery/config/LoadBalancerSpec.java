package io.modelgate.discovery.config;

import java.util.List;

/**
 * A load balancer over servers.
 *
 * @param servers        the servers; may be empty (then the service answers 503)
 * @param passHostHeader forward the client's Host header (Traefik's default, {@code true}); when false
 *                       the upstream request carries the server's host and port
 * @param sticky         session affinity, or null for plain weighted round robin
 * @param admission      per-server concurrency caps and the wait queue, or null for none
 * @param healthCheck    the active health check, or null for none
 * @param passiveHealthCheck ejection after failed requests, or null for the built-in 2 s skip after a refused connect
 */
public record LoadBalancerSpec(List<ServerSpec> servers, boolean passHostHeader, StickySpec sticky, AdmissionSpec admission,
                               HealthCheckSpec healthCheck, PassiveHealthSpec passiveHealthCheck) {

    public LoadBalancerSpec {
        servers = List.copyOf(servers);
    }

    /** Without health checks. */
    public LoadBalancerSpec(List<ServerSpec> servers, boolean passHostHeader, StickySpec sticky, AdmissionSpec admission) {
        this(servers, passHostHeader, sticky, admission, null, null);
    }

    /** The same balancer over other servers. */
    public LoadBalancerSpec withServers(List<ServerSpec> others) {
        return new LoadBalancerSpec(others, passHostHeader, sticky, admission, healthCheck, passiveHealthCheck);
    }

    /** Without admission control. */
    public LoadBalancerSpec(List<ServerSpec> servers, boolean passHostHeader, StickySpec sticky) {
        this(servers, passHostHeader, sticky, null);
    }

    /** Without session affinity. */
    public LoadBalancerSpec(List<ServerSpec> servers, boolean passHostHeader) {
        this(servers, passHostHeader, null);
    }
}
