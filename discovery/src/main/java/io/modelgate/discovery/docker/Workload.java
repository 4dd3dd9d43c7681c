package io.modelgate.discovery.docker;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container, or a Swarm service, reduced to what label decoding needs.
 *
 * @param name         container name (no leading {@code /}) or service name
 * @param id           container or service id
 * @param swarmService true for a Swarm service (labels are its {@code deploy.labels})
 * @param labels       labels as set, keys in their original case
 * @param instances    where it runs: the container itself, or the service's running tasks
 * @param exposedPorts TCP ports the image or container exposes (containers only; Swarm needs the port label)
 * @param virtualIps   a Swarm service's VIP per network name (used only with {@code docker.lbswarm=true})
 */
public record Workload(String name, String id, boolean swarmService, Map<String, String> labels,
                       List<Instance> instances, Set<Integer> exposedPorts, Map<String, String> virtualIps) {

    public Workload {
        requireNonNull(name, "name");
        requireNonNull(id, "id");
        labels = Map.copyOf(labels);
        instances = List.copyOf(instances);
        exposedPorts = Set.copyOf(exposedPorts);
        virtualIps = Map.copyOf(virtualIps);
    }

    /**
     * One running container (a plain container, or a Swarm task's).
     *
     * @param id         container (or task) id
     * @param networkIps IPv4 address per network name
     * @param health     Docker HEALTHCHECK state
     * @param draining   stopping (Docker {@code kill}/{@code stop} seen, or a Swarm task being shut down)
     */
    public record Instance(String id, Map<String, String> networkIps, Health health, boolean draining) {

        public Instance {
            requireNonNull(id, "id");
            networkIps = Map.copyOf(networkIps);
            requireNonNull(health, "health");
        }

        public Instance(String id, Map<String, String> networkIps, Health health) {
            this(id, networkIps, health, false);
        }

        public Instance draining(boolean d) {
            return d == draining ? this : new Instance(id, networkIps, health, d);
        }
    }

    /** Docker HEALTHCHECK states; {@code NONE} when the image defines no health check. */
    public enum Health {
        NONE, STARTING, HEALTHY, UNHEALTHY;

        /** Whether an instance in this state may get traffic. */
        public boolean servable() {
            return this == NONE || this == HEALTHY;
        }

        static Health parse(String status) {
            if (status == null || status.isEmpty()) {
                return NONE;
            }
            return switch (status.toLowerCase(java.util.Locale.ROOT)) {
                case "starting" -> STARTING;
                case "healthy" -> HEALTHY;
                case "unhealthy" -> UNHEALTHY;
                default -> NONE;
            };
        }
    }
}
