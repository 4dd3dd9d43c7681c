package io.modelgate.gateway.proxy;

import io.modelgate.gateway.lb.UpstreamServer;
import java.util.concurrent.TimeUnit;

/**
 * Sends a failed try again when the route's retry middleware says so ({@link Exchange#retry}): decides whether
 * the request can be sent again at all, asks the policy for the pause, and waits it on the connection's event
 * loop (a scheduled task, never a sleep) before the forwarder chooses a server again, the failed one excluded.
 */
final class RetryScheduler {

    private final UpstreamForwarder forwarder;

    RetryScheduler(UpstreamForwarder forwarder) {
        this.forwarder = forwarder;
    }

    /**
     * Try {@code e.attempts} failed on {@code failed}: before the request reached it (a refused connect) or
     * after ({@code reachedServer}: the connection closed before any response byte). True if another try is
     * on its way; false: the caller answers with the error.
     */
    boolean again(ClientConnection c, Exchange e, UpstreamServer failed, boolean reachedServer) {
        if (e.answering()) {
            return false; // a response is being made or sent: the client has it, a retry cannot take it back
        }
        if (reachedServer && !(e.bodyless && e.requestDone)) {
            return false; // the body went to the failed server as it streamed: there is nothing to send again
        }
        long pause = e.retry.delayNanos(e.attempts, reachedServer, e.method);
        if (pause < 0) {
            return false;
        }
        e.phase = Phase.CONNECTING;
        if (pause == 0) {
            forwarder.resend(c, e, failed);
        } else {
            e.loop.schedule(() -> {
                if (c.isCurrent(e)) {
                    forwarder.resend(c, e, failed);
                }
            }, pause, TimeUnit.NANOSECONDS);
        }
        return true;
    }
}
