package io.modelgate.discovery.config;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A weighted service: each request goes to one of other services, in proportion to their weights — a canary
 * release of a model version ({@code sentiment-v2} with weight 1 beside {@code sentiment-v1} with weight 9), or
 * an A/B split. The chosen service then picks its server as usual.
 *
 * @param services the services shared among, in configuration order; at least one
 */
public record WeightedSpec(List<Child> services) {

    public WeightedSpec {
        services = List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a weighted service needs at least one service");
        }
    }

    /**
     * One of the services.
     *
     * @param name   the service's name, qualified ({@code v2@file}) or of the weighted service's provider
     * @param weight relative share of requests; 0 sends it none
     */
    public record Child(String name, int weight) {

        public Child {
            requireNonNull(name, "name");
            if (weight < 0) {
                throw new IllegalArgumentException("weight must be >= 0, got " + weight);
            }
        }
    }
}
