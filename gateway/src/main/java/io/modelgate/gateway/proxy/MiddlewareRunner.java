package io.modelgate.gateway.proxy;

import io.modelgate.gateway.pipeline.Identity;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a routed request through its middlewares' decisions, in order, then hands it to the forwarder. A
 * middleware may decide later (an auth call); its decision hops back to the connection's event loop and is
 * dropped if the client went away meanwhile.
 */
final class MiddlewareRunner {

    private final UpstreamForwarder forwarder;
    private final LocalResponder responder;

    MiddlewareRunner(UpstreamForwarder forwarder, LocalResponder responder) {
        this.forwarder = forwarder;
        this.responder = responder;
    }

    /** Runs middleware {@code index} of the exchange's route, or forwards once all have proceeded. */
    void run(ClientConnection c, Exchange e, int index) {
        e.depth = index;
        e.reached = index;
        List<Middleware> chain = e.route.middlewares();
        if (index == chain.size()) {
            forwarder.forward(c, e);
            return;
        }
        chain.get(index).onRequest(e.request, new Decision(c, e, index));
    }

    /** One middleware's decision about one request: exactly one of proceed, refuse or respond. */
    private final class Decision implements RequestControl {
        private final ClientConnection c;
        private final Exchange e;
        private final int index;
        private boolean decided;

        Decision(ClientConnection c, Exchange e, int index) {
            this.c = c;
            this.e = e;
            this.index = index;
        }

        @Override
        public EventLoop eventLoop() {
            return c.channel().eventLoop();
        }

        @Override
        public void proceed() {
            if (settled(this::proceed)) {
                run(c, e, index + 1);
            }
        }

        @Override
        public void refuse(int status, String error, Map<String, String> headers) {
            if (settled(() -> refuse(status, error, headers))) {
                e.extraHeaders = headers;
                responder.refuse(c, e, status, error);
            }
        }

        @Override
        public void respond(int status, Map<String, List<String>> headers, byte[] body) {
            if (settled(() -> respond(status, headers, body))) {
                responder.respond(c, e, status, headers, body);
            }
        }

        @Override
        public void identify(Identity identity) {
            e.identity = Objects.requireNonNull(identity, "identity");
        }

        @Override
        public Identity identity() {
            return e.identity;
        }

        @Override
        public void whenDone(Runnable task) {
            e.whenDone(task);
        }

        @Override
        public void limitRequestBody(long maxBytes) {
            if (maxBytes <= 0) {
                return;
            }
            if (!e.requestLimitSet || maxBytes < e.requestLimit) {
                e.requestLimit = maxBytes; // a route's own limit replaces the gateway-wide default
                e.requestLimitSet = true;
            }
        }

        /**
         * True if the decision is to be acted on now: on the event loop (else {@code again} is scheduled there),
         * the first one of this middleware, and the exchange still current.
         */
        private boolean settled(Runnable again) {
            if (!c.channel().eventLoop().inEventLoop()) {
                c.channel().eventLoop().execute(again); // an async step finished elsewhere: back to the loop
                return false;
            }
            if (decided) {
                throw new IllegalStateException("middleware decided twice: " + e.route.middlewares().get(index));
            }
            decided = true;
            return c.isCurrent(e);
        }

        @Override
        public String toString() {
            return "Decision[" + e.route.middlewares().get(index) + "]";
        }
    }
}
