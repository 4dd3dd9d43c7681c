package io.modelgate.gateway.lb.sticky;

import io.modelgate.gateway.lb.UpstreamServer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Dedicated instances: each key holds a server no other key holds. A lease is renewed by every request
 * and released after {@code idle} without one (Caffeine's expire-after-access, on an injectable ticker), or
 * as soon as its server leaves the service. Leases outlive configuration changes: one instance per service
 * name, kept by {@link LeaseRegistry}. In memory: several gateway replicas each keep their own leases
 * ({@link RedisLeases} is the shared one).
 */
public final class MemoryLeases implements DedicatedLeases {

    private final Cache<String, String> byKey;

    MemoryLeases(Duration idle, Ticker ticker) {
        this.byKey = Caffeine.newBuilder().expireAfterAccess(idle).ticker(ticker).executor(Runnable::run).build();
    }

    /**
     * The server leased to {@code key}: its current lease if the server is still there and usable, else a
     * server no live lease holds; null if there is none (the caller answers 503).
     */
    @Override
    public CompletionStage<UpstreamServer> acquire(String key, List<UpstreamServer> servers,
                                                   Predicate<UpstreamServer> usable) {
        return CompletableFuture.completedFuture(acquireNow(key, servers, usable));
    }

    synchronized UpstreamServer acquireNow(String key, List<UpstreamServer> servers, Predicate<UpstreamServer> usable) {
        // leases name servers by URL: the same server stays leased when it turns draining (a new object)
        String held = byKey.getIfPresent(key); // an access: renews the lease
        if (held != null) {
            for (UpstreamServer s : servers) {
                if (s.url().equals(held) && usable.test(s)) {
                    return s; // a draining server keeps its lease holder
                }
            }
            byKey.invalidate(key); // its server left or failed: the key gets another
        }
        Set<String> taken = new HashSet<>(byKey.asMap().values());
        for (UpstreamServer s : servers) {
            if (usable.test(s) && !s.draining() && !taken.contains(s.url())) {
                byKey.put(key, s.url());
                return s;
            }
        }
        return null;
    }

    /** Live leases (for tests and the dashboard). */
    @Override
    public long size() {
        byKey.cleanUp();
        return byKey.estimatedSize();
    }
}
