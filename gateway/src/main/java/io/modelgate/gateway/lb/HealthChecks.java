package io.modelgate.gateway.lb;

import static java.util.Objects.requireNonNull;

import io.modelgate.discovery.config.HealthCheckSpec;
import java.util.List;

/**
 * Runs the active health checks of the current configuration. Told the whole set after every compile (re-list,
 * don't patch): checks that did not change keep running with their state, others start or stop.
 */
@FunctionalInterface
public interface HealthChecks {

    /** No checks (tests, and a compiler built without a network). */
    HealthChecks NONE = targets -> {
    };

    /** The checks that should run from now on; every other one stops. */
    void apply(List<Target> targets);

    /**
     * One server to check.
     *
     * @param service qualified service name
     * @param server  the server
     * @param spec    how to check it
     * @param state   where the result goes
     */
    record Target(String service, UpstreamServer server, HealthCheckSpec spec, ServerState state) {

        public Target {
            requireNonNull(service, "service");
            requireNonNull(server, "server");
            requireNonNull(spec, "spec");
            requireNonNull(state, "state");
        }
    }
}
