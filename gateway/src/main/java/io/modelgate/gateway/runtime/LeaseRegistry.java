package io.modelgate.gateway.runtime;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Dedicated leases by service, kept across configuration changes (a recompile must not free every lease). */
public final class LeaseRegistry {

    private final Ticker ticker;
    private final Map<String, DedicatedLeases> byService = new ConcurrentHashMap<>();
    private final Map<String, Duration> idles = new ConcurrentHashMap<>();

    public LeaseRegistry(Ticker ticker) {
        this.ticker = ticker;
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
        return byService.computeIfAbsent(service, s -> new DedicatedLeases(idle, ticker));
    }
}
