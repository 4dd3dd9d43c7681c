package io.modelgate.gateway.lb.sticky;

import io.modelgate.gateway.lb.UpstreamServer;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/** Dedicated-instance leases of one service: each key holds a server no other key holds. */
public interface DedicatedLeases {

    /**
     * Completes with the server leased to {@code key} (renewing the lease), or a server no live lease holds
     * (leasing it), or null when every usable server is leased. May complete on another thread.
     */
    CompletionStage<UpstreamServer> acquire(String key, List<UpstreamServer> servers, Predicate<UpstreamServer> usable);

    /** Live leases, for the dashboard; -1 where counting would cost a round trip to a shared store. */
    default long size() {
        return -1;
    }
}
