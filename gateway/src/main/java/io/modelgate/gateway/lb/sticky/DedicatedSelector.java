package io.modelgate.gateway.lb.sticky;

import io.modelgate.gateway.pipeline.Identity;
import io.modelgate.gateway.lb.PassiveHealth;
import io.modelgate.gateway.lb.ServerSelector;
import io.modelgate.gateway.lb.UpstreamServer;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One dedicated instance per key (Watchful's instance per user): the key's lease, or a free server leased to
 * it. Never a shared pick: a request without a key, or with no free instance, gets none (503), and so does
 * one whose lease store (Redis) cannot answer — fail closed.
 */
public final class DedicatedSelector implements ServerSelector {

    private final AffinityKey key;
    private final List<UpstreamServer> servers;
    private final DedicatedLeases leases;
    private final PassiveHealth health;

    public DedicatedSelector(AffinityKey key, List<UpstreamServer> servers, DedicatedLeases leases, PassiveHealth health) {
        this.key = key;
        this.servers = List.copyOf(servers);
        this.leases = leases;
        this.health = health;
    }

    @Override
    public String affinity(HttpRequest request, Identity caller) {
        return key.read(request, caller);
    }

    @Override
    public boolean binds(String affinity) {
        return affinity != null;
    }

    @Override
    public CompletionStage<UpstreamServer> select(String affinity, UpstreamServer excluded) {
        if (affinity == null) {
            return CompletableFuture.completedFuture(null);
        }
        return leases.acquire(affinity, servers, s -> health.usable(s) && !s.equals(excluded));
    }

    @Override
    public String unavailable() {
        return "no free instance";
    }

    @Override
    public String failed() {
        return "lease store unavailable";
    }

    /** Live leases of this service, or -1 if they are in a shared store that is not counted. */
    public long leaseCount() {
        return leases.size();
    }

    @Override
    public String toString() {
        return "dedicated[" + key + "]";
    }
}
