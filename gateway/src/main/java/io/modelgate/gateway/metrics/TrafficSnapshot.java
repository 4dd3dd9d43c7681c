package io.modelgate.gateway.metrics;

/**
 * Requests counted by one entry point, router or service since it appeared, for the dashboard.
 *
 * @param byClass           requests by status class: index 1 for 1xx … 5 for 5xx (0: anything below 100)
 * @param durationSeconds   the sum of all request durations
 * @param bucketBounds      upper bounds of the latency histogram, in seconds
 * @param bucketCounts      requests at or below each bound (cumulative, as Prometheus counts them)
 */
public record TrafficSnapshot(long[] byClass, double durationSeconds, double[] bucketBounds, long[] bucketCounts) {

    /** All requests. */
    public long requests() {
        long n = 0;
        for (long c : byClass) {
            n += c;
        }
        return n;
    }

    /** Requests answered 5xx. */
    public long serverErrors() {
        return byClass[5];
    }

    /** Requests answered 4xx. */
    public long clientErrors() {
        return byClass[4];
    }

    /**
     * The latency below which a fraction {@code q} of requests fell, interpolated linearly inside its bucket as
     * Prometheus' {@code histogram_quantile} does; the last bound if it lies above all of them, NaN if no requests.
     */
    public double quantile(double q) {
        long total = requests();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long below = 0;
        double lower = 0;
        for (int i = 0; i < bucketBounds.length; i++) {
            if (bucketCounts[i] >= rank) {
                long inBucket = bucketCounts[i] - below;
                return inBucket == 0 ? bucketBounds[i] : lower + (bucketBounds[i] - lower) * (rank - below) / inBucket;
            }
            below = bucketCounts[i];
            lower = bucketBounds[i];
        }
        return bucketBounds.length == 0 ? Double.NaN : bucketBounds[bucketBounds.length - 1];
    }

    /**
     * What was counted after {@code earlier} (a snapshot of the same meters): the difference of every count.
     * If any count went down the meters were recreated in between (the router was removed and came back), and
     * this snapshot is returned whole.
     */
    public TrafficSnapshot since(TrafficSnapshot earlier) {
        if (earlier.bucketCounts.length != bucketCounts.length) {
            return this;
        }
        long[] classes = new long[byClass.length];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = byClass[i] - earlier.byClass[i];
            if (classes[i] < 0) {
                return this;
            }
        }
        long[] counts = new long[bucketCounts.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = bucketCounts[i] - earlier.bucketCounts[i];
            if (counts[i] < 0) {
                return this;
            }
        }
        return new TrafficSnapshot(classes, Math.max(0, durationSeconds - earlier.durationSeconds), bucketBounds, counts);
    }
}
