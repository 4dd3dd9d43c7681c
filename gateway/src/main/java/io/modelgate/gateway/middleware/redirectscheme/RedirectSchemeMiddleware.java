package io.modelgate.gateway.middleware.redirectscheme;

import io.modelgate.discovery.config.RedirectSchemeSpec;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Redirects to the same host and path in the configured scheme (and port), as Traefik's {@code redirectScheme}
 * does: the request's scheme is what the gateway put in {@code X-Forwarded-Proto} ({@code https} on an entry
 * point that terminates TLS, or a trusted proxy's value), and a request already in that scheme and port passes
 * on. Like Traefik, a {@code GET} gets 301 (302 when not permanent) and every other method 308 (307), which
 * tell the client to repeat the method and body.
 */
public final class RedirectSchemeMiddleware implements Middleware {

    private final String scheme;
    private final String port;
    private final boolean permanent;

    public RedirectSchemeMiddleware(RedirectSchemeSpec spec) {
        this.scheme = spec.scheme();
        this.port = spec.port() == null || spec.port().equals(defaultPort(spec.scheme())) ? null : spec.port();
        this.permanent = spec.permanent();
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        String proto = request.headers().get("X-Forwarded-Proto");
        String current = proto == null ? "http" : proto.split(",")[0].strip().toLowerCase(Locale.ROOT);
        String host = request.headers().get(HttpHeaderNames.HOST, "");
        String hostOnly = withoutPort(host);
        String currentPort = host.length() > hostOnly.length() ? host.substring(hostOnly.length() + 1) : defaultPort(current);
        String wantedPort = port == null ? defaultPort(scheme) : port;
        if (current.equals(scheme) && currentPort.equals(wantedPort)) {
            next.proceed();
            return;
        }
        String location = scheme + "://" + hostOnly + (port == null ? "" : ":" + port) + request.uri();
        boolean get = request.method().equals(HttpMethod.GET);
        int status = permanent ? (get ? 301 : 308) : (get ? 302 : 307);
        next.respond(status, Map.of("Location", List.of(location)), new byte[0]);
    }

    /** The host of a {@code Host} header value without its port ({@code [::1]:8080} → {@code [::1]}). */
    static String withoutPort(String host) {
        int colon = host.lastIndexOf(':');
        int bracket = host.lastIndexOf(']');
        return colon > bracket ? host.substring(0, colon) : host;
    }

    private static String defaultPort(String scheme) {
        return scheme.equals("https") ? "443" : "80";
    }

    @Override
    public String toString() {
        return "RedirectSchemeMiddleware[" + scheme + (port == null ? "" : ":" + port) + (permanent ? ", permanent]" : "]");
    }
}
