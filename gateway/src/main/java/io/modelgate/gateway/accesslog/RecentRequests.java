package io.modelgate.gateway.accesslog;

/**
 * The recent requests the dashboard shows: every finished request in one ring (the auditor's view), the
 * 4xx/5xx ones also in a second, usually longer-lived ring (recent errors), so a burst of successes does not
 * push the errors out. A sink beside the access log: it sees every record whatever the log's own settings,
 * and keeps only references to records that were built anyway.
 */
public final class RecentRequests implements AccessLog {

    private final RecordRing all;
    private final RecordRing errors;

    /**
     * @param requests how many recent requests to keep ({@code modelgate.admin.dashboard.recent-requests})
     * @param errors   how many recent 4xx/5xx to keep ({@code modelgate.admin.dashboard.recent-errors})
     */
    public RecentRequests(int requests, int errors) {
        this.all = new RecordRing(requests);
        this.errors = new RecordRing(errors);
    }

    /**
     * Every request while the auditor ring keeps any (so the access log's filters then save no record), else
     * only the errors: {@code recent-requests=0} gives the filters their saving back.
     */
    @Override
    public boolean wants(int status, int retryAttempts, long durationNanos) {
        return all.capacity() > 0 || (status >= 400 && errors.capacity() > 0);
    }

    @Override
    public void log(AccessLogRecord record) {
        all.add(record);
        if (record.status() >= 400) {
            errors.add(record);
        }
    }

    /** Every recent request. */
    public RecordRing all() {
        return all;
    }

    /** The recent 4xx and 5xx answers (499: the client went away). */
    public RecordRing errors() {
        return errors;
    }
}
