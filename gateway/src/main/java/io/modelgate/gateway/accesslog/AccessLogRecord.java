package io.modelgate.gateway.accesslog;

/**
 * One line of the access log, as captured on the event loop; encoding happens on the writer thread.
 *
 * @param epochMillis      when the request ended
 * @param clientIp         the connecting peer's address
 * @param method           request method ({@code -} if the request line was unreadable)
 * @param host             host the client addressed (no port), or null
 * @param uri              path and query as received; secret query values are redacted when written
 * @param protocol         {@code HTTP/1.1} or {@code HTTP/1.0}
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
 */
public record AccessLogRecord(long epochMillis, String clientIp, String method, String host, String uri, String protocol,
                              int status, int originStatus, double durationMs, double originDurationMs, long bytesIn,
                              long bytesOut, String router, String service, String serverUrl, String requestId) {
}
