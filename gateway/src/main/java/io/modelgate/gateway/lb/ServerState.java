package io.modelgate.gateway.lb;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the gateway currently knows about one server of one service: the one place the selectors, the
 * admission queue and the admin API read it. Kept across configuration reloads (by {@link ServerStates})
 * as long as the service still has the server. Written from any event loop and the health-check loop; the
 * request path only reads two volatile fields.
 */
public final class ServerState {

    private volatile boolean down;
    private volatile long ejectedUntil; // ticker nanos; meaningful only while ejected
    private volatile boolean ejected;
    private volatile String lastCheck = "";
    private final AtomicInteger inFlight = new AtomicInteger();
    // passive-health bookkeeping, guarded by this
    private long[] failures = new long[0];
    private int failureCount;
    private volatile int ejections;
    private final LongAdder ejectionsTotal = new LongAdder();

    /** True while the active health check fails: no new requests, sticky clients fail over. */
    public boolean down() {
        return down;
    }

    /** Why the last active check failed, or {@code ""} when it passed (for the API and the log). */
    public String lastCheck() {
        return lastCheck;
    }

    /** Records an active check's result; true if this changed whether the server is down. */
    public boolean checked(boolean healthy, String why) {
        lastCheck = healthy ? "" : why;
        boolean changed = down == healthy;
        down = !healthy;
        return changed;
    }

    /** True from an ejection until it has been seen to end (no clock read). */
    boolean ejectedFlag() {
        return ejected;
    }

    /** True while passively ejected at ticker time {@code now}. */
    public boolean ejectedAt(long now) {
        return ejected && now - ejectedUntil < 0;
    }

    /** The ticker time the ejection ends, meaningful while {@link #ejectedAt} is true. */
    public long ejectedUntil() {
        return ejectedUntil;
    }

    /** Times passive health took this server out of rotation (or extended its ejection), since it appeared. */
    public long ejectionsTotal() {
        return ejectionsTotal.sum();
    }

    /** Requests being served by this server now (the admission queue counts them; the API shows them). */
    public AtomicInteger inFlight() {
        return inFlight;
    }

    /**
     * A failed request at ticker time {@code now}: true if it makes {@code maxFailures} within {@code window}
     * (the caller then decides whether it may eject).
     */
    synchronized boolean failure(long now, long window, int maxFailures) {
        if (failures.length != maxFailures) {
            failures = new long[maxFailures];
            failureCount = 0;
        }
        failures[failureCount++ % maxFailures] = now;
        if (failureCount < maxFailures) {
            return false;
        }
        long oldest = failures[failureCount % maxFailures]; // the maxFailures-th most recent
        return now - oldest <= window;
    }

    /** Ejects until {@code now + base × 2^(previous ejections)}, at most {@code max}. */
    synchronized void eject(long now, long base, long max) {
        long length = base;
        for (int i = 0; i < ejections && length < max; i++) {
            length *= 2;
        }
        ejections++;
        ejectionsTotal.increment();
        failureCount = 0;
        ejectedUntil = now + Math.min(length, max);
        ejected = true;
    }

    /** A request served without failure: the next ejection starts again from one window. */
    void succeeded() {
        if (ejections != 0 && !ejected) {
            synchronized (this) {
                ejections = 0;
            }
        }
    }

    /** The ejection is over (seen at {@code now}); the growing count stays until a success. */
    void ejectionSeen(long now) {
        if (ejected && now - ejectedUntil >= 0) {
            ejected = false;
        }
    }
}
