package io.modelgate.discovery.config;

import java.time.Duration;
import java.util.Map;

/**
 * Traefik's active health check of a load balancer's servers: a GET to each server every {@code interval};
 * a server that fails it gets no new requests until it passes again.
 *
 * @param path              the request path (and query), e.g. {@code /health}
 * @param method            the request method (only {@code GET} so far)
 * @param interval          between two checks of a healthy server (Traefik's default 30s)
 * @param unhealthyInterval between two checks of a failing server (defaults to {@code interval})
 * @param timeout           the whole check, connect included (Traefik's default 5s); slower is a failure
 * @param scheme            {@code http} or {@code https} to use instead of the server's, or null for the server's
 * @param port              the port to check instead of the server's, or 0 for the server's
 * @param hostname          the {@code Host} header to send instead of the server's, or null
 * @param headers           extra request headers
 * @param status            the one status that counts as healthy, or 0 for any 2xx or 3xx (Traefik's rule)
 * @param followRedirects   follow a redirect to the same server (Traefik's default {@code true})
 */
public record HealthCheckSpec(String path, String method, Duration interval, Duration unhealthyInterval, Duration timeout,
                              String scheme, int port, String hostname, Map<String, String> headers, int status,
                              boolean followRedirects) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public HealthCheckSpec {
        path = path == null || path.isEmpty() ? "/" : path;
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("healthCheck.path must start with /, got '" + path + "'");
        }
        method = method == null ? "GET" : method.toUpperCase(java.util.Locale.ROOT);
        if (!method.equals("GET")) {
            throw new IllegalArgumentException("healthCheck.method '" + method + "' is not supported (only GET)");
        }
        interval = interval == null ? DEFAULT_INTERVAL : interval;
        unhealthyInterval = unhealthyInterval == null ? interval : unhealthyInterval;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        if (interval.isZero() || unhealthyInterval.isZero() || timeout.isZero()) {
            throw new IllegalArgumentException("healthCheck.interval, unhealthyInterval and timeout must be positive");
        }
        if (scheme != null && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("healthCheck.scheme must be http or https, got '" + scheme + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("healthCheck.port must be a TCP port (1-65535), got " + port);
        }
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("healthCheck.status must be an HTTP status (100-599), got " + status);
        }
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    /** True if a check answered with {@code code} passes. */
    public boolean healthy(int code) {
        return status != 0 ? code == status : code >= 200 && code < 400;
    }
}
