package io.modelgate.gateway.lb;

import java.util.function.Consumer;

/**
 * One request waiting for a free server. Told once, on the thread that decided: with the server it may now use
 * (its slot is already taken for it), or with null when its wait timed out.
 */
public final class Waiter {

    final String user;
    /** The server an affinity binds it to, or null if any server of the service will do. */
    final UpstreamServer bound;
    final long deadlineNanos;
    private final Consumer<UpstreamServer> outcome;

    Waiter(String user, UpstreamServer bound, long deadlineNanos, Consumer<UpstreamServer> outcome) {
        this.user = user;
        this.bound = bound;
        this.deadlineNanos = deadlineNanos;
        this.outcome = outcome;
    }

    boolean accepts(UpstreamServer server) {
        return bound == null || bound.url().equals(server.url());
    }

    void tell(UpstreamServer server) {
        outcome.accept(server);
    }

    @Override
    public String toString() {
        return "waiter(" + user + (bound == null ? "" : " for " + bound) + ")";
    }
}
