package io.modelgate.gateway.accesslog;

/** Where finished requests are reported. Must not block: it is called on event loops. */
public interface AccessLog {

    AccessLog OFF = record -> { };

    void log(AccessLogRecord record);

    /**
     * Every record to both, first to {@code first}: the access log, the audit trail, the dashboard's recent
     * requests. The one place where another sink hooks in; each sink queues and filters on its own, so
     * neither can hold the other up.
     */
    static AccessLog both(AccessLog first, AccessLog second) {
        return record -> {
            first.log(record);
            second.log(record);
        };
    }
}
