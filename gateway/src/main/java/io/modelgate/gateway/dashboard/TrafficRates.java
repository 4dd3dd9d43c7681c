package io.modelgate.gateway.dashboard;

import io.modelgate.gateway.metrics.TrafficSnapshot;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Turns the meters' running totals into rates: each look at a meter keeps a sample (at most one a second),
 * and a rate is the difference to the oldest sample still inside the window. Only pages that are open take
 * samples, so nothing runs while nobody looks; the first look at a meter has no rate yet.
 */
final class TrafficRates {

    static final long SAMPLE_EVERY = TimeUnit.SECONDS.toNanos(1);
    static final long WINDOW = TimeUnit.SECONDS.toNanos(30);

    private final LongSupplier nanoTime;
    private final Map<String, ArrayDeque<Sample>> samples = new HashMap<>();
    private long lastPrune;

    /** @param nanoTime a monotonic clock ({@code System::nanoTime}; tests pass their own) */
    TrafficRates(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastPrune = nanoTime.getAsLong();
    }

    /** The traffic of the meter named {@code key} (say {@code router:m@file}), whose totals are {@code now}. */
    synchronized Traffic of(String key, TrafficSnapshot now) {
        if (now == null) {
            return Traffic.NONE;
        }
        long t = nanoTime.getAsLong();
        prune(t);
        ArrayDeque<Sample> kept = samples.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!kept.isEmpty() && t - kept.peekFirst().nanos > WINDOW) {
            kept.pollFirst();
        }
        Sample oldest = kept.peekFirst();
        if (kept.isEmpty() || t - kept.peekLast().nanos >= SAMPLE_EVERY) {
            kept.addLast(new Sample(t, now));
        }
        if (oldest == null || t - oldest.nanos < SAMPLE_EVERY) {
            return Traffic.of(now, null, 0);
        }
        return Traffic.of(now, oldest.totals, (t - oldest.nanos) / 1e9);
    }

    /** Forgets meters nobody looked at for a window (removed routers, closed pages). */
    private void prune(long t) {
        if (t - lastPrune < WINDOW) {
            return;
        }
        lastPrune = t;
        samples.values().removeIf(d -> d.isEmpty() || t - d.peekLast().nanos > WINDOW);
    }

    /** How many meters have samples (for tests). */
    synchronized int tracked() {
        return samples.size();
    }

    private record Sample(long nanos, TrafficSnapshot totals) {
    }
}
