package io.modelgate.gateway.lb;

import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.discovery.config.AdmissionSpec;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services' admission controls across configuration reloads: a reload rebuilds every pool, but a service
 * keeps its one {@link Admission} (new limits applied), so requests in flight and waiting still count and a
 * reload can never let a server take more than its cap. A service that disappears loses its entry; requests
 * still holding it finish on it.
 */
public final class Admissions {

    private final Ticker ticker;
    private final Map<String, Admission> byService = new ConcurrentHashMap<>();

    public Admissions(Ticker ticker) {
        this.ticker = ticker;
    }

    public static Admissions system() {
        return new Admissions(Ticker.systemTicker());
    }

    /** The admission control of service {@code name}, with {@code spec}'s limits. */
    public Admission forService(String name, AdmissionSpec spec) {
        Admission a = byService.computeIfAbsent(name, n -> new Admission(spec, ticker));
        a.reconfigure(spec);
        return a;
    }

    /** Forgets the services not in {@code names} (after a compile). */
    public void retain(Set<String> names) {
        byService.keySet().retainAll(names);
    }
}
