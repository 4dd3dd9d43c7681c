package io.modelgate.gateway.accesslog;

import java.time.Duration;
import java.util.BitSet;
import java.util.List;

/**
 * Which finished requests get a line (Traefik's {@code accessLog.filters}): a request is written if its status
 * is in one of the ranges, or it was retried (with {@code retryAttempts}), or it took longer than
 * {@code minDuration}. With none of the three set every request is written, as in Traefik. Checked on the event
 * loop before a record is made, so a filtered request costs a bit lookup and two comparisons.
 */
public final class AccessLogFilter {

    /** Writes every request. */
    public static final AccessLogFilter ALL = new AccessLogFilter(new BitSet(), false, 0);

    private final BitSet statuses;
    private final boolean retried;
    private final long minNanos;
    private final boolean all;

    private AccessLogFilter(BitSet statuses, boolean retried, long minNanos) {
        this.statuses = statuses;
        this.retried = retried;
        this.minNanos = minNanos;
        this.all = statuses.isEmpty() && !retried && minNanos <= 0;
    }

    /**
     * @param statusCodes   {@code 404}, {@code 400-499}; empty: not filtered by status
     * @param retryAttempts also write retried requests
     * @param minDuration   also write requests slower than this; zero or null: not filtered by duration
     * @throws IllegalArgumentException naming the bad range
     */
    public static AccessLogFilter of(List<String> statusCodes, boolean retryAttempts, Duration minDuration) {
        BitSet statuses = new BitSet(1000);
        for (String raw : statusCodes) {
            for (String part : raw.split(",")) {
                String range = part.strip();
                if (!range.isEmpty()) {
                    add(statuses, range);
                }
            }
        }
        return new AccessLogFilter(statuses, retryAttempts, minDuration == null ? 0 : minDuration.toNanos());
    }

    private static void add(BitSet statuses, String range) {
        int dash = range.indexOf('-');
        try {
            int from = Integer.parseInt((dash < 0 ? range : range.substring(0, dash)).strip());
            int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1).strip());
            if (from < 100 || to > 999 || from > to) {
                throw new NumberFormatException();
            }
            statuses.set(from, to + 1);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("modelgate.access-log.filters.status-codes: '" + range
                    + "' is not a status (404) or a range of them (400-499)");
        }
    }

    /** Whether a request that ended so gets a line. */
    public boolean keep(int status, int retryAttempts, long durationNanos) {
        return all || statuses.get(status) || (retried && retryAttempts > 0) || (minNanos > 0 && durationNanos > minNanos);
    }

    /** True if every request is written. */
    public boolean all() {
        return all;
    }

    @Override
    public String toString() {
        return all ? "AccessLogFilter[all]" : "AccessLogFilter[statusCodes=" + statuses + ", retryAttempts=" + retried
                + ", minDuration=" + Duration.ofNanos(minNanos) + "]";
    }
}
