package io.modelgate.gateway.proxy;

import io.modelgate.gateway.accesslog.AccessLog;
import io.modelgate.gateway.accesslog.AccessLogFields;
import io.modelgate.gateway.accesslog.AccessLogRecord;
import io.modelgate.gateway.metrics.TrafficMeters;
import io.modelgate.gateway.runtime.Route;

/**
 * The end of every exchange, once: its request metrics (entry point, router, service) and its access-log
 * record. Encoding happens on the log's own thread.
 */
final class ExchangeLog {

    private final AccessLog log;
    private final String entrypoint;
    private final TrafficMeters entrypointMeters;

    ExchangeLog(AccessLog log, String entrypoint, TrafficMeters entrypointMeters) {
        this.log = log;
        this.entrypoint = entrypoint;
        this.entrypointMeters = entrypointMeters;
    }

    /** Which request headers the records carry: captured at intake, before the gateway changes them. */
    AccessLogFields fields() {
        return log.fields();
    }

    void log(Exchange e, String clientIp) {
        if (e.logged) {
            return;
        }
        e.logged = true;
        long nanos = System.nanoTime() - e.startNanos;
        // 499 as nginx does: the client went away before any response
        int status = e.aborted && !e.responseStarted() ? 499 : e.status;
        Route route = e.route;
        entrypointMeters.record(status, e.methodLabel, e.protocolLabel, nanos, e.bytesIn, e.bytesOut);
        if (route != null) {
            route.meters().record(e.poolIndex, status, e.methodLabel, e.protocolLabel, nanos, e.bytesIn, e.bytesOut, e.attempts);
        }
        int retries = Math.max(0, e.attempts - 1);
        if (!log.wants(status, retries, nanos)) {
            return; // filtered out: no record is made
        }
        log.log(new AccessLogRecord(System.currentTimeMillis(), entrypoint, clientIp, e.method, e.host, e.rawUri,
                e.protocol, status, e.originStatus, nanos / 1_000_000.0, e.originNanos / 1_000_000.0, e.bytesIn,
                e.bytesOut, route == null ? null : route.router(), route == null ? null : e.pool != null ? e.pool.name() : route.service().name(),
                e.server == null ? null : e.server.url(), e.requestId,
                e.identity == null ? null : e.identity.user(), e.identity == null ? null : e.identity.tokenId(),
                route == null ? null : route.middlewareNames().subList(0, Math.min(e.reached + 1, route.middlewares().size())),
                e.userAgent, retries, e.loggedHeaders));
    }
}
