package io.modelgate.gateway.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A compiled service: its servers and how to pick one. A server that just refused a connection is
 * skipped for {@link #EJECT_NANOS} (passive health, like nginx's {@code max_fails=1}), so during a rolling
 * update requests stop going to a task that is already gone before the provider has noticed.
 *
 * @param name           qualified name ({@code echo@file})
 * @param balancer       the server selection
 * @param passHostHeader forward the client's Host header
 * @param ejected        servers that recently refused a connection, until when ({@link System#nanoTime()})
 * @param affinity       session affinity, or null
 */
public record ServicePool(String name, WeightedRoundRobin<UpstreamServer> balancer, boolean passHostHeader,
                          Map<UpstreamServer, Long> ejected, Affinity affinity) {

    /** How long a server that refused a connection is skipped. */
    public static final long EJECT_NANOS = 2_000_000_000L;

    public ServicePool {
        requireNonNull(name, "name");
        requireNonNull(balancer, "balancer");
        requireNonNull(ejected, "ejected");
    }

    public static ServicePool of(String name, List<UpstreamServer> servers, boolean passHostHeader) {
        return of(name, servers, passHostHeader, null);
    }

    public static ServicePool of(String name, List<UpstreamServer> servers, boolean passHostHeader, Affinity affinity) {
        // a draining server gets no new clients from the balancer; affinity may still send it its own
        int[] weights = servers.stream().mapToInt(s -> s.draining() ? 0 : s.weight()).toArray();
        return new ServicePool(name, new WeightedRoundRobin<>(servers, weights), passHostHeader, new ConcurrentHashMap<>(),
                affinity);
    }

    /**
     * The server for a request carrying an affinity value (cookie value or key), else the next one by
     * weighted round robin. A cookie naming a server that is gone or just refused connections, or a key
     * whose server did, falls back: the client is re-pinned, never sent to a dead server. A dedicated service
     * returns the key's leased server, or null when the key is missing or no instance is free.
     */
    public UpstreamServer pickSticky(String value) {
        if (affinity != null && affinity.leases() != null && value == null) {
            return null; // a dedicated service never serves a request without its key
        }
        if (affinity == null || value == null) {
            return pick(null);
        }
        UpstreamServer s;
        if (affinity.leases() != null) {
            // dedicated: no fallback to a shared pick, ever; a lease store that answers later counts as none here
            return acquireDedicated(value).toCompletableFuture().getNow(null);
        }
        if (affinity.cookie() != null) {
            s = affinity.byCookie().get(value);
            s = s != null && s.weight() > 0 && !isEjected(s) ? s : null;
        } else {
            s = Rendezvous.pick(value, balancer.servers(), affinity.hashes(), x -> x.weight() > 0 && !isEjected(x));
        }
        return s != null ? s : pick(null);
    }

    /**
     * The next server, skipping recently failed ones unless all are; {@code excluded} (the server that just
     * failed for this request) is never returned. {@code null} if there is none.
     */
    public UpstreamServer pick(UpstreamServer excluded) {
        int n = balancer.servers().size();
        UpstreamServer fallback = null;
        for (int i = 0; i < Math.max(n, 1) * 2; i++) {
            UpstreamServer s = balancer.next();
            if (s == null) {
                return null;
            }
            if (s.equals(excluded)) {
                continue;
            }
            if (!isEjected(s)) {
                return s;
            }
            fallback = fallback == null ? s : fallback;
        }
        return fallback;
    }

    /** The dedicated instance of {@code key} (see {@link DedicatedLeases#acquire}). */
    public java.util.concurrent.CompletionStage<UpstreamServer> acquireDedicated(String key) {
        return affinity.leases().acquire(key, balancer.servers(), x -> x.weight() > 0 && !isEjected(x));
    }

    /** Remembers that {@code server} refused a connection. */
    public void connectFailed(UpstreamServer server) {
        ejected.put(server, System.nanoTime() + EJECT_NANOS);
    }

    private boolean isEjected(UpstreamServer s) {
        if (ejected.isEmpty()) {
            return false;
        }
        Long until = ejected.get(s);
        if (until == null) {
            return false;
        }
        if (System.nanoTime() - until > 0) {
            ejected.remove(s, until);
            return false;
        }
        return true;
    }
}
