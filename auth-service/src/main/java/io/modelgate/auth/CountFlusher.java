package io.modelgate.auth;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Writes the in-memory counts (quotas, token usage) every flush interval on one background thread, and a
 * last time when the service stops, so a normal shutdown loses nothing.
 */
final class CountFlusher implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(CountFlusher.class);

    private final List<BooleanSupplier> flushes;
    private final Duration interval;
    private ScheduledExecutorService timer;

    /** @param flushes each writes one kind of count; false when its write failed (kept for the next run) */
    CountFlusher(List<BooleanSupplier> flushes, Duration interval) {
        this.flushes = List.copyOf(flushes);
        this.interval = interval;
    }

    private void flushAll() {
        for (BooleanSupplier f : flushes) {
            try {
                f.getAsBoolean();
            } catch (RuntimeException e) {
                LOG.warn("flushing counts failed: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "modelgate-auth-counts");
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(1, interval.toMillis());
        timer.scheduleWithFixedDelay(this::flushAll, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (timer == null) {
            return;
        }
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer = null;
        flushAll(); // the last counts, before the database goes away
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    /** Stops after the web servers (higher phases stop first), so no request is counted after the last flush. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
