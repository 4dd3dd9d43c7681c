package io.modelgate.gateway.accesslog;

/** Where finished requests are reported. Must not block: it is called on event loops. */
public interface AccessLog {

    AccessLog OFF = new AccessLog() {
        @Override
        public void log(AccessLogRecord record) {
        }

        @Override
        public boolean wants(int status, int retryAttempts, long durationNanos) {
            return false;
        }
    };

    void log(AccessLogRecord record);

    /**
     * Whether a request that ended so would be written: asked before the record is made, so a request the
     * filters leave out costs no allocation. A sink that filters also checks in {@link #log}.
     */
    default boolean wants(int status, int retryAttempts, long durationNanos) {
        return true;
    }

    /** Which request headers the records should carry; none by default. */
    default AccessLogFields fields() {
        return AccessLogFields.ALL;
    }

    /**
     * Every record to both, first to {@code first}: the access log, the audit trail, the dashboard's recent
     * requests. The one place where another sink hooks in; each sink queues and filters on its own, so
     * neither can hold the other up.
     */
    static AccessLog both(AccessLog first, AccessLog second) {
        return new AccessLog() {
            @Override
            public void log(AccessLogRecord record) {
                first.log(record);
                second.log(record);
            }

            @Override
            public boolean wants(int status, int retryAttempts, long durationNanos) {
                return first.wants(status, retryAttempts, durationNanos) || second.wants(status, retryAttempts, durationNanos);
            }

            @Override
            public AccessLogFields fields() {
                return first.fields();
            }
        };
    }
}
