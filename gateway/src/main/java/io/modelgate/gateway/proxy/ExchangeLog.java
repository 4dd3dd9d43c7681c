package io.modelgate.gateway.proxy;

import io.modelgate.gateway.accesslog.AccessLog;
import io.modelgate.gateway.accesslog.AccessLogRecord;

/** Turns a finished exchange into its access-log record, once; encoding happens on the log's own thread. */
final class ExchangeLog {

    private final AccessLog log;

    ExchangeLog(AccessLog log) {
        this.log = log;
    }

    void log(Exchange e, String clientIp) {
        if (e.logged) {
            return;
        }
        e.logged = true;
        long end = System.nanoTime();
        // 499 as nginx does: the client went away before any response
        int status = e.aborted && !e.responseStarted() ? 499 : e.status;
        log.log(new AccessLogRecord(System.currentTimeMillis(), clientIp, e.method, e.host, e.rawUri,
                e.protocol, status, e.originStatus, (end - e.startNanos) / 1_000_000.0,
                e.originNanos / 1_000_000.0, e.bytesIn, e.bytesOut,
                e.route == null ? null : e.route.router(),
                e.route == null ? null : e.route.service().name(),
                e.server == null ? null : e.server.url(), e.requestId));
    }
}
