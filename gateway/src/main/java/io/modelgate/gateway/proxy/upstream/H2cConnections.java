package io.modelgate.gateway.proxy.upstream;

import io.modelgate.gateway.lb.UpstreamServer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The h2c connections of each event loop, by server: a request gets a new stream on the first connection with
 * room under the server's {@code SETTINGS_MAX_CONCURRENT_STREAMS}; when every connection is full another one is
 * opened (no queue: the limit is the server's to set, and a second connection costs one handshake). Requests
 * that come while a connection is still being set up wait for it, then choose again. Like {@link UpstreamPool},
 * a client connection only ever uses connections of its own event loop.
 */
final class H2cConnections {

    /** Opens a new h2c connection to a server on an event loop. */
    interface Dialer {
        H2cConnection dial(EventLoop loop, UpstreamServer server);
    }

    private final Dialer dialer;
    private final FastThreadLocal<Map<String, List<H2cConnection>>> byServer = new FastThreadLocal<>() {
        @Override
        protected Map<String, List<H2cConnection>> initialValue() {
            return new HashMap<>();
        }
    };

    H2cConnections(Dialer dialer) {
        this.dialer = dialer;
    }

    /** A new stream to {@code server}, on {@code loop} (the caller's own). */
    Future<UpstreamHandler> stream(EventLoop loop, UpstreamServer server) {
        Promise<UpstreamHandler> promise = loop.newPromise();
        acquire(loop, server, promise, true);
        return promise;
    }

    private void acquire(EventLoop loop, UpstreamServer server, Promise<UpstreamHandler> promise, boolean mayWait) {
        List<H2cConnection> list = byServer.get().computeIfAbsent(server.poolKey(), k -> new ArrayList<>(2));
        H2cConnection pending = null;
        for (H2cConnection c : list) {
            if (c.hasRoom()) {
                c.openStream(promise);
                return;
            }
            if (pending == null && !c.ready().isDone() && c.isUsable()) {
                pending = c;
            }
        }
        boolean own = pending == null || !mayWait;
        H2cConnection chosen = own ? dialer.dial(loop, server) : pending;
        if (own) {
            list.add(chosen);
        }
        chosen.ready().addListener(f -> {
            if (!f.isSuccess()) {
                remove(chosen);
                promise.tryFailure(f.cause()); // as a failed connect: the forwarder tries the other servers
            } else if (!own) {
                acquire(loop, server, promise, false); // others waiting may have filled it: then one of its own
            } else if (chosen.hasRoom()) {
                chosen.openStream(promise);
            } else {
                promise.tryFailure(new IllegalStateException("h2c server " + server + " takes no streams"));
            }
        });
    }

    /**
     * Forgets a connection that closed or was told to go away, and the server's entry with its last connection: under
     * churn (replicas come and go all day) the table would otherwise keep one empty list per server ever seen.
     */
    void remove(H2cConnection connection) {
        Map<String, List<H2cConnection>> table = byServer.get();
        List<H2cConnection> list = table.get(connection.poolKey());
        if (list != null && list.remove(connection) && list.isEmpty()) {
            table.remove(connection.poolKey());
        }
    }

    /** Servers with an entry on the calling event loop (tests). */
    int servers() {
        return byServer.get().size();
    }
}
