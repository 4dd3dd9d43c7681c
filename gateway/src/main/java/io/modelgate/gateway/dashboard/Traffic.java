package io.modelgate.gateway.dashboard;

import io.modelgate.gateway.metrics.TrafficSnapshot;

/**
 * The traffic of one entry point, router or service as the dashboard shows it.
 *
 * @param total         requests since its meters appeared
 * @param perSecond     requests a second over the window, or NaN before a second look at the meters
 * @param errorRatio    the share of 5xx answers in the window (since start before a second look), NaN if none
 * @param p50           median duration in seconds, estimated from the histogram buckets; NaN if no requests
 * @param p99           99th percentile, likewise
 * @param windowSeconds the window the rate, ratio and percentiles cover; 0 for "since start"
 */
public record Traffic(long total, double perSecond, double errorRatio, double p50, double p99, double windowSeconds) {

    /** No meters (no traffic yet, or a disabled element). */
    public static final Traffic NONE = new Traffic(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    /** From the meters now and, if there is one, what they counted {@code windowSeconds} earlier. */
    static Traffic of(TrafficSnapshot now, TrafficSnapshot earlier, double windowSeconds) {
        TrafficSnapshot window = earlier == null ? now : now.since(earlier);
        boolean windowed = earlier != null && window != now;
        long n = window.requests();
        return new Traffic(now.requests(), windowed ? n / windowSeconds : Double.NaN,
                n == 0 ? Double.NaN : (double) window.serverErrors() / n,
                window.quantile(0.5), window.quantile(0.99), windowed ? windowSeconds : 0);
    }
}
