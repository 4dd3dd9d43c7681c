package io.modelgate.gateway.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A compiled service: its servers and how to pick one.
 *
 * @param name           qualified name ({@code echo@file})
 * @param balancer       the server selection
 * @param passHostHeader forward the client's Host header
 */
public record ServicePool(String name, WeightedRoundRobin<UpstreamServer> balancer, boolean passHostHeader) {

    public ServicePool {
        requireNonNull(name, "name");
        requireNonNull(balancer, "balancer");
    }

    public static ServicePool of(String name, List<UpstreamServer> servers, boolean passHostHeader) {
        int[] weights = servers.stream().mapToInt(UpstreamServer::weight).toArray();
        return new ServicePool(name, new WeightedRoundRobin<>(servers, weights), passHostHeader);
    }
}
