package io.modelgate.gateway.proxy;

import io.modelgate.gateway.lb.Admission;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.lb.UpstreamServer;
import io.modelgate.gateway.lb.Waiter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Holds a request to its service's per-server caps ({@link Admission}): sent on at once when a server has a free
 * slot, else parked in the wait queue, else refused with {@code 503} and {@code Retry-After}. A parked exchange
 * costs no thread: it is resumed on its own event loop when a slot is handed to it or its wait times out, and
 * leaves the queue when its client goes away. The slot is given back when the exchange is over.
 */
final class AdmissionGate {

    private final UpstreamForwarder forwarder;
    private final LocalResponder responder;

    AdmissionGate(UpstreamForwarder forwarder, LocalResponder responder) {
        this.forwarder = forwarder;
        this.responder = responder;
    }

    /** {@code chosen} is the selector's server; {@code bound} if the request's affinity ties it to that server. */
    void admit(ClientConnection c, Exchange e, UpstreamServer chosen, boolean bound) {
        ServicePool pool = e.pool;
        Admission adm = pool.admission();
        if (e.admittedTo != null) {
            if (e.admittedTo.url().equals(chosen.url())) {
                forwarder.connect(c, e, chosen); // sent again to the same server: it keeps its slot
                return;
            }
            adm.release(e.admittedTo); // another server after a failure: that slot is someone else's now
            e.admittedTo = null;
        } else if (e.admission == null) {
            e.admission = adm;
            e.whenDone(() -> leave(e));
        }
        UpstreamServer failed = e.server;
        Admission.Ticket t = adm.admit(user(c, e), chosen, bound, pool.servers(),
                s -> pool.health().usable(s) && !s.equals(failed), server -> c.onLoop(() -> resumed(c, e, server)));
        if (t.server() != null) {
            e.admittedTo = t.server();
            forwarder.connect(c, e, t.server());
        } else if (t.waiter() == null) {
            refuse(c, e, "admission queue full");
        } else {
            e.waiter = t.waiter();
            expireLater(e, t.waiter());
        }
    }

    /** Who shares the queue fairly: the authenticated user, else the client's address. */
    private static String user(ClientConnection c, Exchange e) {
        return e.identity != null && e.identity.user() != null ? "user:" + e.identity.user() : "ip:" + c.peer().ip();
    }

    /** On the exchange's loop: a slot was handed to it ({@code server}), or its wait timed out (null). */
    private void resumed(ClientConnection c, Exchange e, UpstreamServer server) {
        e.waiter = null;
        c.waited();
        if (!c.isCurrent(e)) {
            if (server != null) {
                e.admission.release(server); // its client went away as the slot arrived
            }
            return;
        }
        if (server == null) {
            refuse(c, e, "admission queue timeout");
            return;
        }
        e.admittedTo = server;
        forwarder.connect(c, e, server);
        c.flushUpstream();
    }

    /** At the waiter's deadline, on its own loop; a timer that fired early is armed again. */
    private void expireLater(Exchange e, Waiter w) {
        long left = Math.max(e.admission.nanosLeft(w), TimeUnit.MILLISECONDS.toNanos(1));
        e.loop.schedule(() -> {
            if (e.waiter == w) {
                e.admission.expire(); // tells every overdue waiter, this one included
                if (e.waiter == w) {
                    expireLater(e, w);
                }
            }
        }, left, TimeUnit.NANOSECONDS);
    }

    /** The exchange is over: out of the queue, or its slot given back. */
    private static void leave(Exchange e) {
        if (e.waiter != null) {
            e.admission.cancel(e.waiter);
            e.waiter = null;
        }
        if (e.admittedTo != null) {
            UpstreamServer s = e.admittedTo;
            e.admittedTo = null;
            e.admission.release(s);
        }
    }

    private void refuse(ClientConnection c, Exchange e, String error) {
        long seconds = Math.max(1, (e.admission.spec().queueTimeout().toMillis() + 999) / 1000);
        Map<String, String> headers = new HashMap<>(e.extraHeaders);
        headers.put("Retry-After", Long.toString(seconds));
        e.extraHeaders = headers;
        responder.refuse(c, e, 503, error);
    }
}
