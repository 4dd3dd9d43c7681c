package io.modelgate.gateway.proxy;

import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RetryPolicy;
import io.modelgate.gateway.pipeline.UpstreamCall;
import java.util.List;
import java.util.function.Consumer;

/**
 * The call to the service through the middlewares that wrap it, outermost first: each one's
 * {@link UpstreamCall#proceed()} goes to the next, the last one's sends the request. Only built for routes
 * with a wrapping middleware.
 */
final class WrappedCall implements UpstreamCall {

    private final ClientConnection c;
    private final Exchange e;
    private final UpstreamForwarder forwarder;
    private final LocalResponder responder;
    private int next;
    private boolean settled;

    WrappedCall(ClientConnection c, Exchange e, UpstreamForwarder forwarder, LocalResponder responder) {
        this.c = c;
        this.e = e;
        this.forwarder = forwarder;
        this.responder = responder;
        e.outcomes = new CallOutcomes();
    }

    @Override
    public String service() {
        return e.pool.name();
    }

    @Override
    public void proceed() {
        if (!c.isCurrent(e)) {
            return;
        }
        List<Middleware> chain = e.route.middlewares();
        if (next < chain.size()) {
            Middleware m = chain.get(next++);
            m.aroundCall(this); // its proceed() comes back here for the next one (the default proceeds at once)
            return;
        }
        if (!settled) {
            settled = true;
            forwarder.send(c, e);
        }
    }

    @Override
    public void refuse(int status, String error) {
        if (!settled && c.isCurrent(e)) {
            settled = true;
            responder.refuse(c, e, status, error);
        }
    }

    @Override
    public void retryWith(RetryPolicy policy) {
        e.retry = java.util.Objects.requireNonNull(policy, "policy");
    }

    @Override
    public void onOutcome(Consumer<Outcome> listener) {
        e.outcomes.add(listener);
    }
}
