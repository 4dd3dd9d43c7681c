package io.modelgate.gateway.lb;

import java.util.List;

/**
 * What a router sends its requests to: one service's pool, or a weighted share among several
 * ({@link WeightedServices}). The data plane asks it once per request which pool answers; that pool then
 * chooses the server, and a retry stays with it.
 */
public sealed interface ServiceTarget permits ServicePool, WeightedServices {

    /** Qualified name of the service the router names ({@code sentiment@file}). */
    String name();

    /** The pools that may answer, in configuration order; a request's meters are those of the one that did. */
    List<ServicePool> pools();

    /** True if no request can be answered now: no pool (with a share) has a server that takes requests. */
    boolean isEmpty();

    /** The index in {@link #pools()} of the pool for the next request, or -1 if none can take one. */
    int pick();
}
