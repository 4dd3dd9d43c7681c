package io.modelgate.gateway.lb;

import static java.util.Objects.requireNonNull;

import io.modelgate.discovery.config.ServerSpec;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * One server of a service, as the data plane uses it. Two services naming the same address share one
 * connection pool (the pool key is {@link #poolKey()}).
 *
 * @param url        the configured URL, as shown in the API and the access log
 * @param tls        {@code https}
 * @param host       host name or IP literal
 * @param port       TCP port (scheme default if the URL has none)
 * @param basePath   path prefix prepended to every forwarded path ({@code ""} if none)
 * @param hostHeader {@code Host} value when the service does not pass the client's through
 * @param weight     weighted-round-robin weight
 * @param draining   stopping: keeps its sticky clients, gets no new ones
 * @param poolKey    connections to equal keys are interchangeable (scheme and authority), computed once
 * @param h2c        {@code h2c}: cleartext HTTP/2 with prior knowledge, many requests on one connection
 */
public record UpstreamServer(String url, boolean tls, String host, int port, String basePath, String hostHeader, int weight,
                             boolean draining, String poolKey, boolean h2c) {

    public UpstreamServer {
        requireNonNull(url, "url");
        requireNonNull(host, "host");
        requireNonNull(basePath, "basePath");
        requireNonNull(hostHeader, "hostHeader");
        requireNonNull(poolKey, "poolKey");
    }

    /** An HTTP/1.1 server ({@code http} or {@code https}). */
    public UpstreamServer(String url, boolean tls, String host, int port, String basePath, String hostHeader, int weight,
                          boolean draining, String poolKey) {
        this(url, tls, host, port, basePath, hostHeader, weight, draining, poolKey, false);
    }

    /** From a decoded server; throws {@link IllegalArgumentException} with a readable message if unusable. */
    public static UpstreamServer of(ServerSpec spec) {
        URI uri = spec.url();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("h2c")) {
            throw new IllegalArgumentException("server url '" + uri + "' must be http://, https:// or h2c://");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("server url '" + uri + "' has no host");
        }
        boolean tls = scheme.equals("https");
        int defaultPort = tls ? 443 : 80;
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String hostHeader = port == defaultPort ? host : host + ":" + port;
        return new UpstreamServer(uri.toString(), tls, host, port, path, hostHeader, spec.weight(), spec.draining(),
                scheme + "://" + hostHeader, scheme.equals("h2c"));
    }

    /**
     * The same server spoken to over HTTP/1.1: what an upgrade request (WebSocket) to an h2c server uses, as in
     * Traefik, since HTTP/2 cannot carry {@code Connection: Upgrade}.
     */
    public UpstreamServer overHttp1() {
        return h2c ? new UpstreamServer(url, false, host, port, basePath, hostHeader, weight, draining,
                "http://" + hostHeader, false) : this;
    }


    /** An unresolved address; resolution happens off the event loop's critical path in Netty's resolver. */
    public InetSocketAddress address() {
        return InetSocketAddress.createUnresolved(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port);
    }

    @Override
    public String toString() {
        return url;
    }
}
