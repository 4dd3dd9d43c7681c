package io.modelgate.gateway.lb;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Weighted round robin that skips recently failed servers unless all of them failed, and servers failing
 * their active health check always (like Traefik: all down means 503). Draining servers get no new
 * requests (weight 0 in the schedule). Also the fallback of the affinity selectors.
 */
public final class RoundRobinSelector implements ServerSelector {

    private final WeightedRoundRobin<UpstreamServer> balancer;
    private final PassiveHealth health;

    public RoundRobinSelector(List<UpstreamServer> servers, PassiveHealth health) {
        int[] weights = servers.stream().mapToInt(s -> s.draining() ? 0 : s.weight()).toArray();
        this.balancer = new WeightedRoundRobin<>(servers, weights);
        this.health = health;
    }

    @Override
    public CompletionStage<UpstreamServer> select(String affinity, UpstreamServer excluded) {
        return CompletableFuture.completedFuture(pick(excluded));
    }

    /**
     * The next server, skipping recently failed ones unless all are; {@code excluded} and servers that are down
     * are never returned.
     * {@code null} if there is none.
     */
    public UpstreamServer pick(UpstreamServer excluded) {
        int n = balancer.servers().size();
        UpstreamServer fallback = null;
        for (int i = 0; i < Math.max(n, 1) * 2; i++) {
            UpstreamServer s = balancer.next();
            if (s == null) {
                return null;
            }
            if (s.equals(excluded) || health.isDown(s)) {
                continue;
            }
            if (!health.isEjected(s)) {
                return s;
            }
            fallback = fallback == null ? s : fallback;
        }
        return fallback;
    }

    /** True if no server can be picked (none, or all out of rotation). */
    public boolean isEmpty() {
        return balancer.isEmpty();
    }

    @Override
    public String toString() {
        return "roundRobin" + balancer.servers();
    }
}
