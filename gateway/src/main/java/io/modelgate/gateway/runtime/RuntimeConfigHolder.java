package io.modelgate.gateway.runtime;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live configuration: keeps each provider's latest snapshot, recompiles on every change and swaps the
 * result in atomically. Readers on event loops only do a volatile read.
 */
public final class RuntimeConfigHolder {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfigHolder.class);

    private final RuntimeConfigCompiler compiler;
    private final Map<String, ProviderSnapshot> snapshots = new LinkedHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile RuntimeConfig current;
    private volatile long lastAppliedMillis;
    /** Providers whose first snapshot is awaited before problems are logged; guarded by this. */
    private final Set<String> awaited = new HashSet<>();
    /** The problems as last logged (new ones are those not in it); guarded by this. */
    private List<Problem> logged = List.of();

    public RuntimeConfigHolder(RuntimeConfigCompiler compiler) {
        this.compiler = compiler;
        this.current = compiler.compile(List.of());
    }

    /** The configuration to use for a request that starts now. */
    public RuntimeConfig current() {
        return current;
    }

    /** How many configurations have been applied (for tests and the API). */
    public long generation() {
        return generation.get();
    }

    /** When a configuration was last applied (epoch milliseconds), 0 if none yet. */
    public long lastAppliedMillis() {
        return lastAppliedMillis;
    }

    /**
     * Holds back the logging of problems until {@code provider}'s first snapshot is applied: the internal
     * services arrive once the admin port listens, after the other providers' first configurations, and a
     * router naming {@code api@internal} would otherwise be logged as broken at every start. The problems are
     * listed by the API all along; the log gets those still there when the provider came.
     */
    public synchronized void awaitBeforeLoggingProblems(String provider) {
        if (!snapshots.containsKey(provider)) {
            awaited.add(provider);
        }
    }

    /** Replaces one provider's snapshot and applies the recompiled configuration. */
    public synchronized void apply(ProviderSnapshot snapshot) {
        snapshots.put(snapshot.provider(), snapshot);
        RuntimeConfig next = compiler.compile(snapshots.values());
        awaited.remove(snapshot.provider());
        if (awaited.isEmpty()) {
            logNewProblems(logged, next.problems());
            logged = next.problems();
        }
        current = next;
        generation.incrementAndGet();
        lastAppliedMillis = System.currentTimeMillis();
        LOG.info("configuration {} applied: {} routers ({} enabled), {} services, {} middlewares, {} problems",
                generation.get(), next.routers().size(),
                next.routers().values().stream().filter(r -> r.status().status().equals("enabled")).count(),
                next.services().size(), next.middlewares().size(), next.problems().size());
    }

    /** Each problem is logged once, when it appears, not on every unrelated reload. */
    private static void logNewProblems(List<Problem> before, List<Problem> after) {
        Set<Problem> seen = new HashSet<>(before);
        for (Problem p : after) {
            if (!seen.contains(p)) {
                LOG.warn("configuration problem [{}] {}", p.provider(), p);
            }
        }
    }
}
