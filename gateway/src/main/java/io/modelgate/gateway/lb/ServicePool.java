package io.modelgate.gateway.lb;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A compiled service: its servers, how one is chosen, and which recently failed.
 *
 * @param name           qualified name ({@code echo@file})
 * @param servers        every server, in configuration order
 * @param selector       the server selection policy
 * @param roundRobin     plain weighted round robin over the same servers (for callers without a request, and
 *                       the affinity policies' fallback)
 * @param health         passive health shared by both
 * @param passHostHeader forward the client's Host header
 * @param admission      per-server caps and the wait queue, or null for none
 */
public record ServicePool(String name, List<UpstreamServer> servers, ServerSelector selector, RoundRobinSelector roundRobin,
                          PassiveHealth health, boolean passHostHeader, Admission admission) implements ServiceTarget {

    public ServicePool {
        requireNonNull(name, "name");
        servers = List.copyOf(servers);
        requireNonNull(selector, "selector");
        requireNonNull(roundRobin, "roundRobin");
        requireNonNull(health, "health");
    }

    /** Without admission control. */
    public ServicePool(String name, List<UpstreamServer> servers, ServerSelector selector, RoundRobinSelector roundRobin,
                       PassiveHealth health, boolean passHostHeader) {
        this(name, servers, selector, roundRobin, health, passHostHeader, null);
    }

    /** The same pool under {@code admission}'s caps. */
    public ServicePool withAdmission(Admission admission) {
        return new ServicePool(name, servers, selector, roundRobin, health, passHostHeader, admission);
    }

    /** A round-robin service on the system clock. */
    public static ServicePool roundRobin(String name, List<UpstreamServer> servers, boolean passHostHeader) {
        PassiveHealth health = PassiveHealth.system();
        RoundRobinSelector rr = new RoundRobinSelector(servers, health);
        return new ServicePool(name, servers, rr, rr, health, passHostHeader);
    }

    /** Itself: a load balancer answers every request of its routers. */
    @Override
    public List<ServicePool> pools() {
        return List.of(this);
    }

    @Override
    public int pick() {
        return 0;
    }

    /** Remembers that {@code server} refused a connection: it may be skipped for a while. */
    public void connectFailed(UpstreamServer server) {
        health.failure(server, servers);
    }

    /** {@code server} did not answer in time: a failure under a passive health check. */
    public void timedOut(UpstreamServer server) {
        health.timedOut(server, servers);
    }

    /** {@code server} answered with {@code status}: counted by a passive health check. */
    public void responded(UpstreamServer server, int status) {
        health.responded(server, status, servers);
    }

    /** True if no server can take a request (none, or all out of rotation). */
    @Override
    public boolean isEmpty() {
        return roundRobin.isEmpty();
    }
}
