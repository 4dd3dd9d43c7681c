package io.modelgate.discovery.config;

import static java.util.Objects.requireNonNull;

/**
 * A service. Only the {@code loadBalancer} kind exists so far (Traefik also has weighted and mirroring).
 *
 * @param loadBalancer the servers and how to balance over them
 */
public record ServiceSpec(LoadBalancerSpec loadBalancer) {

    public ServiceSpec {
        requireNonNull(loadBalancer, "loadBalancer");
    }
}
