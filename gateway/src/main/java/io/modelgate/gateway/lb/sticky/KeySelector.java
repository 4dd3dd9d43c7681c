package io.modelgate.gateway.lb.sticky;

import io.modelgate.gateway.pipeline.Identity;
import io.modelgate.gateway.lb.PassiveHealth;
import io.modelgate.gateway.lb.Rendezvous;
import io.modelgate.gateway.lb.RoundRobinSelector;
import io.modelgate.gateway.lb.ServerSelector;
import io.modelgate.gateway.lb.UpstreamServer;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Key affinity (Prodigy's {@code ?session=}, a header, a user): rendezvous hashing sends a key to the same
 * server from every gateway replica with no shared state, and only the keys of a server that leaves move.
 * A request without a key is balanced by round robin.
 */
public final class KeySelector implements ServerSelector {

    private final AffinityKey key;
    private final List<UpstreamServer> servers;
    private final long[] hashes;
    private final RoundRobinSelector fallback;
    private final PassiveHealth health;

    public KeySelector(AffinityKey key, List<UpstreamServer> servers, RoundRobinSelector fallback, PassiveHealth health) {
        this.key = key;
        this.servers = List.copyOf(servers);
        this.hashes = servers.stream().mapToLong(s -> Rendezvous.hash(s.url())).toArray();
        this.fallback = fallback;
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
        return CompletableFuture.completedFuture(pick(affinity, excluded));
    }

    /** The key's server among the usable ones, else round robin. */
    public UpstreamServer pick(String affinity, UpstreamServer excluded) {
        if (affinity != null) {
            UpstreamServer s = Rendezvous.pick(affinity, servers, hashes, x -> health.usable(x) && !x.equals(excluded));
            if (s != null) {
                return s;
            }
        }
        return fallback.pick(excluded);
    }

    @Override
    public String toString() {
        return "stickyKey[" + key + "]";
    }
}
