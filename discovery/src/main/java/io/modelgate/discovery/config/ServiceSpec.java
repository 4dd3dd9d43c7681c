package io.modelgate.discovery.config;

/**
 * A service: a {@code loadBalancer} over servers, or a {@code weighted} share among other services (Traefik also
 * has mirroring and failover, not implemented yet). Exactly one of the two is set.
 *
 * @param loadBalancer the servers and how to balance over them, or null for a weighted service
 * @param weighted     the services shared among, or null for a load balancer
 */
public record ServiceSpec(LoadBalancerSpec loadBalancer, WeightedSpec weighted) {

    public ServiceSpec {
        if ((loadBalancer == null) == (weighted == null)) {
            throw new IllegalArgumentException("a service is either a loadBalancer or weighted");
        }
    }

    /** A load balancer. */
    public ServiceSpec(LoadBalancerSpec loadBalancer) {
        this(loadBalancer, null);
    }

    /** A weighted service. */
    public ServiceSpec(WeightedSpec weighted) {
        this(null, weighted);
    }
}
