package io.modelgate.gateway.lb.sticky;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dedicated leases by service, kept across configuration changes (a recompile must not free every lease):
 * in memory, or in Redis when the gateway has a Redis connection (several replicas then share leases).
 */
public final class LeaseRegistry {

    private final Ticker ticker;
    private final io.lettuce.core.api.async.RedisAsyncCommands<String, String> redis;
    private final Map<String, DedicatedLeases> byService = new ConcurrentHashMap<>();
    private final Map<String, Duration> idles = new ConcurrentHashMap<>();

    public LeaseRegistry(Ticker ticker) {
        this(ticker, null);
    }

    /** @param redis shared lease store, or null for in-memory leases */
    public LeaseRegistry(Ticker ticker, io.lettuce.core.api.async.RedisAsyncCommands<String, String> redis) {
        this.ticker = ticker;
        this.redis = redis;
    }

    public static LeaseRegistry system() {
        return new LeaseRegistry(Ticker.systemTicker());
    }

    /** The leases of a service; a changed idle time starts a fresh lease table. */
    DedicatedLeases forService(String service, Duration idle) {
        Duration previous = idles.put(service, idle);
        if (previous != null && !previous.equals(idle)) {
            byService.remove(service);
        }
        return byService.computeIfAbsent(service, s -> redis != null ? new RedisLeases(redis, s, idle)
                : new MemoryLeases(idle, ticker));
    }

    /**
     * Ends a compile: forgets the lease tables of services that are gone, once nothing is lost by it — a table in
     * Redis at once (the leases live there), one in memory when its last lease has expired (a service that is
     * back within its idle time finds its users' instances still leased).
     */
    public void retain(java.util.Set<String> liveServices) {
        byService.entrySet().removeIf(e -> {
            boolean gone = !liveServices.contains(e.getKey()) && (redis != null || e.getValue().size() == 0);
            if (gone) {
                idles.remove(e.getKey());
            }
            return gone;
        });
    }

    /** Services with a lease table (tests). */
    int services() {
        return byService.size();
    }
}
