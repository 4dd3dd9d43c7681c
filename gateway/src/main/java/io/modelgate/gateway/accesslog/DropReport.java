package io.modelgate.gateway.accesslog;

import java.util.concurrent.TimeUnit;

/**
 * When to say that records were dropped: at once for the first drops, then at most once per interval with what
 * was dropped since the last line and in all, so a log that cannot keep up does not flood the application log as
 * well. Plain arithmetic on the times it is given; the writer thread is its only caller.
 */
final class DropReport {

    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private long reported;
    private long lastLineNanos;
    private boolean any;

    /** The line to log now, or null: {@code total} is the drop count so far, {@code now} a {@link System#nanoTime}. */
    String due(long total, long now) {
        if (total == reported || (any && now - lastLineNanos < INTERVAL_NANOS)) {
            return null;
        }
        String line = "access log could not keep up: " + (total - reported) + " records dropped"
                + (any ? " in the last " + TimeUnit.NANOSECONDS.toSeconds(now - lastLineNanos) + " s" : "")
                + " (" + total + " since start; modelgate_access_log_dropped_total)";
        reported = total;
        lastLineNanos = now;
        any = true;
        return line;
    }

    /** The line for drops not reported yet, whatever the time (at close), or null. */
    String rest(long total) {
        return total == reported ? null : "access log: " + (total - reported) + " more records dropped before it closed ("
                + total + " since start)";
    }
}
