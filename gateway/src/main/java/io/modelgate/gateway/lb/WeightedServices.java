package io.modelgate.gateway.lb;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A weighted service compiled: requests shared among other services' pools by smooth weighted round robin
 * (the same schedule as servers get). A pool that has no server to take a request (none, all failing their
 * health check, all draining) is skipped while another can, so a canary whose containers are gone sends its
 * share to the others instead of answering 503.
 */
public final class WeightedServices implements ServiceTarget {

    private final String name;
    private final List<ServicePool> pools;
    private final WeightedRoundRobin<Integer> schedule;
    private final int[] weights;

    /**
     * @param name    the weighted service's qualified name
     * @param pools   the services it shares among, in order
     * @param weights their weights, same order; 0 sends a service nothing
     */
    public WeightedServices(String name, List<ServicePool> pools, int[] weights) {
        this.name = requireNonNull(name, "name");
        this.pools = List.copyOf(pools);
        this.weights = weights.clone();
        this.schedule = new WeightedRoundRobin<>(java.util.stream.IntStream.range(0, pools.size()).boxed().toList(), weights);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<ServicePool> pools() {
        return pools;
    }

    @Override
    public boolean isEmpty() {
        for (int i = 0; i < pools.size(); i++) {
            if (weights[i] > 0 && !pools.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The next pool in the schedule that can take a request; -1 after a full cycle in which none could.
     * Each skip moves the shared schedule on, so the others keep their proportions among themselves.
     */
    @Override
    public int pick() {
        for (int i = schedule.cycle(); i > 0; i--) {
            int next = schedule.next();
            if (!pools.get(next).isEmpty()) {
                return next;
            }
        }
        return -1; // none can, or every weight is 0
    }

    @Override
    public String toString() {
        return "weighted[" + name + " " + pools.stream().map(ServicePool::name).toList() + "]";
    }
}
