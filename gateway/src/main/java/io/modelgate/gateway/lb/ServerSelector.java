package io.modelgate.gateway.lb;

import io.modelgate.gateway.pipeline.Identity;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.concurrent.CompletionStage;

/**
 * Chooses a service's server for a request. One implementation per policy (round robin, sticky cookie,
 * key affinity, dedicated instance), built once per configuration; membership change means a new selector.
 * Called on the connection's event loop.
 */
public interface ServerSelector {

    /**
     * What ties this request to a server (a cookie value, a key, the caller's user), read once per request so
     * that a retry uses the same value; null if the request carries none or the policy has no affinity.
     * {@code caller} is who an auth middleware said the caller is, or null.
     */
    default String affinity(HttpRequest request, Identity caller) {
        return null;
    }

    /**
     * The server for a request with this affinity value; never {@code excluded} (the server that just failed
     * for this request, null on the first try). Completes with null when no server can take it. Completes at
     * once except when a shared store (Redis leases) answers, which may complete on another thread.
     */
    CompletionStage<UpstreamServer> select(String affinity, UpstreamServer excluded);

    /**
     * True if this affinity value ties the request to the one server {@link #select} chose (a cookie naming a
     * server, a key, a dedicated lease): under admission control it then waits for that server rather than
     * going to another one with a free slot, since the session's state lives there.
     */
    default boolean binds(String affinity) {
        return false;
    }

    /** Adjusts the response of {@code server} to a request with this affinity value (a sticky cookie, say). */
    default void onResponse(HttpHeaders responseHeaders, UpstreamServer server, String affinity) {
    }

    /** Why {@link #select} found no server, for the 503. */
    default String unavailable() {
        return "no available server";
    }

    /** Why {@link #select} failed (completed exceptionally), for the 503. */
    default String failed() {
        return "server selection failed";
    }
}
