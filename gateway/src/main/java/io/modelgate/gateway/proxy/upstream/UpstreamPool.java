package io.modelgate.gateway.proxy.upstream;

import io.modelgate.gateway.lb.UpstreamServer;
import io.modelgate.gateway.net.Transport;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idle keep-alive upstream connections, one pool per event loop: a client connection only ever takes
 * connections registered on its own event loop, so there are no locks and no thread hand-offs. LIFO, so
 * the warmest connection is reused and the coldest ones reach the idle timeout.
 */
public final class UpstreamPool {

    private final int maxIdlePerServer;
    private final FastThreadLocal<Map<String, ArrayDeque<UpstreamHandler>>> idle = new FastThreadLocal<>() {
        @Override
        protected Map<String, ArrayDeque<UpstreamHandler>> initialValue() {
            return new HashMap<>();
        }
    };

    public UpstreamPool(int maxIdlePerServer) {
        this.maxIdlePerServer = maxIdlePerServer;
    }

    /** An idle, open connection to {@code server} on the calling event loop, or {@code null}. */
    public UpstreamHandler poll(UpstreamServer server) {
        Map<String, ArrayDeque<UpstreamHandler>> table = idle.get();
        ArrayDeque<UpstreamHandler> deque = table.get(server.poolKey());
        if (deque == null) {
            return null;
        }
        UpstreamHandler h;
        while ((h = deque.pollLast()) != null) {
            if (h.isOpen()) {
                return h; // the emptied entry stays: its connection comes back after this request
            }
        }
        table.remove(server.poolKey()); // only closed ones were left
        return null;
    }

    /** Parks a finished connection; closes it if the pool for its server is full. */
    void offer(UpstreamHandler handler) {
        ArrayDeque<UpstreamHandler> deque = idle.get().computeIfAbsent(handler.poolKey(), k -> new ArrayDeque<>());
        if (deque.size() < maxIdlePerServer && handler.isOpen()) {
            deque.addLast(handler);
        } else {
            handler.close();
        }
    }

    /**
     * Forgets a connection that closed while idle, and the server's entry with its last one: a server that left
     * (a replica scaled away) leaves nothing behind once its connections have closed.
     */
    void remove(UpstreamHandler handler) {
        Map<String, ArrayDeque<UpstreamHandler>> table = idle.get();
        ArrayDeque<UpstreamHandler> deque = table.get(handler.poolKey());
        if (deque != null && deque.remove(handler) && deque.isEmpty()) {
            table.remove(handler.poolKey());
        }
    }

    /** Servers with an entry on the calling event loop (tests). */
    int servers() {
        return idle.get().size();
    }
}
