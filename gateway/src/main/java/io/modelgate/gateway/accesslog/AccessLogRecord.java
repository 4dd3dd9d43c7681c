package io.modelgate.gateway.accesslog;

import java.util.List;

/**
 * One line of the access log, as captured on the event loop; encoding happens on the writer thread. Every
 * finished exchange makes one, including requests refused before routing (then only the connection facts,
 * the status and the timings are known).
 *
 * @param epochMillis      when the request ended
 * @param entryPoint       the entry point the request came in on
 * @param clientIp         the connecting peer's address
 * @param method           request method ({@code -} if the request line was unreadable)
 * @param host             host the client addressed (no port), or null
 * @param uri              path and query as received; secret query values are redacted when written
 * @param protocol         {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2.0} ({@code -} if unreadable)
 * @param status           status sent to the client; 499 if the client went away before the response ended
 * @param originStatus     status the server answered, 0 if none
 * @param durationMs       from request head to the end of the response
 * @param originDurationMs from sending upstream to the response head
 * @param bytesIn          request body bytes read
 * @param bytesOut         response body bytes sent
 * @param router           matched router, or null
 * @param service          its service, or null
 * @param serverUrl        the server that answered, or null
 * @param requestId        the request id
 * @param user             the caller an auth middleware identified (forwardAuth, basicAuth), or null
 * @param tokenId          the public id of the API token used, when the auth service names one, or null
 * @param middlewares      the route's middlewares the request went through, in order; when it was not
 *                         forwarded the last one is the one that answered (empty if none or not routed)
 * @param userAgent        the client's {@code User-Agent}, or null
 * @param retryAttempts    how many times the request was sent again to a server (0: once or never)
 * @param requestHeaders   the request headers the fields settings log, as {@code name, value, …} (values of
 *                         redacted ones already {@code REDACTED}); empty unless configured
 */
public record AccessLogRecord(long epochMillis, String entryPoint, String clientIp, String method, String host, String uri,
                              String protocol, int status, int originStatus, double durationMs, double originDurationMs,
                              long bytesIn, long bytesOut, String router, String service, String serverUrl,
                              String requestId, String user, String tokenId, List<String> middlewares, String userAgent,
                              int retryAttempts, List<String> requestHeaders) {

    public AccessLogRecord {
        middlewares = middlewares == null ? List.of() : middlewares;
        requestHeaders = requestHeaders == null ? List.of() : requestHeaders;
    }

    /** Without request headers (the default fields settings log none). */
    public AccessLogRecord(long epochMillis, String entryPoint, String clientIp, String method, String host, String uri,
                           String protocol, int status, int originStatus, double durationMs, double originDurationMs,
                           long bytesIn, long bytesOut, String router, String service, String serverUrl,
                           String requestId, String user, String tokenId, List<String> middlewares, String userAgent,
                           int retryAttempts) {
        this(epochMillis, entryPoint, clientIp, method, host, uri, protocol, status, originStatus, durationMs,
                originDurationMs, bytesIn, bytesOut, router, service, serverUrl, requestId, user, tokenId, middlewares,
                userAgent, retryAttempts, List.of());
    }

    /** The connection and routing facts only: no entry point, caller, middlewares or user agent (tools, tests). */
    public AccessLogRecord(long epochMillis, String clientIp, String method, String host, String uri, String protocol,
                           int status, int originStatus, double durationMs, double originDurationMs, long bytesIn,
                           long bytesOut, String router, String service, String serverUrl, String requestId) {
        this(epochMillis, null, clientIp, method, host, uri, protocol, status, originStatus, durationMs, originDurationMs,
                bytesIn, bytesOut, router, service, serverUrl, requestId, null, null, List.of(), null, 0, List.of());
    }
}
