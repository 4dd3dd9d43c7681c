package io.modelgate.gateway.middleware.errors;

import io.modelgate.gateway.pipeline.Page;

import static java.util.Objects.requireNonNull;

import io.modelgate.discovery.config.ErrorsSpec;
import io.modelgate.discovery.config.StatusRanges;
import io.modelgate.gateway.net.ClientTls;
import io.modelgate.gateway.net.HttpGet;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.lb.UpstreamServer;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.modelgate.gateway.pipeline.ResponseControl;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Traefik's {@code errors}: when a response's status is in range, its body is replaced by a page of the
 * error service (the status code stays). Unlike Traefik, a missing or dead error service never takes the
 * router down: the request is answered with a {@linkplain BuiltInPages built-in page} instead.
 *
 * <p>Pages are fetched on the connection's own event loop and {@linkplain PageCache cached}. Only
 * {@code Accept} and {@code X-Request-Id} go to the error service: never the client's credentials or cookies.
 * A client that prefers JSON is given the JSON variant of the page ({@code /503.json} for
 * {@code /503.html}), and the built-in JSON if the service has none.
 *
 * <p>Built once per configuration: {@code pool} is this configuration's view of the service (null if it does
 * not exist or is disabled), {@code cache} outlives configurations.
 */
public final class ErrorsMiddleware implements Middleware {

    private final StatusRanges status;
    private final String query;
    private final ServicePool pool;
    /** Pages over this size are not used. */
    static final int MAX_PAGE_BYTES = 256 * 1024;

    private final PageCache cache;
    private final HttpGet client;
    private final long timeoutMillis;

    public ErrorsMiddleware(ErrorsSpec spec, ServicePool pool, PageCache cache, HttpGet client, long timeoutMillis) {
        this.status = spec.status();
        this.query = spec.query();
        this.pool = pool;
        this.cache = requireNonNull(cache, "cache");
        this.client = requireNonNull(client, "client");
        this.timeoutMillis = timeoutMillis;
    }

    /** Nothing to do on the way in. */
    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        next.proceed();
    }

    /**
     * A response with a covered status gets its page. For the service's response a missing page means the
     * built-in one (its body is already being dropped); for the gateway's own error it means keeping that
     * error, which says more than a generic page.
     */
    @Override
    public void onResponse(HttpResponse response, ResponseControl control) {
        int code = control.status();
        if (control.isHead() || !covers(code)) {
            return;
        }
        CompletableFuture<Page> page = page(code, control.wantsJson(), control.requestUri(), control.requestId(),
                control.eventLoop());
        if (control.fromService()) {
            page = page.thenApply(p -> p != null ? p : BuiltInPages.of(code, control.wantsJson(), control.requestId()));
        }
        control.replace(page);
    }

    /** True if responses with this status get a page. */
    public boolean covers(int code) {
        return status.contains(code);
    }

    /**
     * The page for an error, loaded on {@code loop} if it is not cached. Completes with {@code null} when the
     * error service has no usable page; the caller then serves its built-in one. Never completes exceptionally.
     *
     * @param uri the request's original path and query, for {@code {url}}
     */
    public CompletableFuture<Page> page(int code, boolean json, String uri, String requestId, EventLoop loop) {
        String path = path(query, code, uri, json);
        return cache.get(new PageCache.Key(code, path, json), () -> fetch(path, json, requestId, loop));
    }

    private CompletableFuture<Page> fetch(String path, boolean json, String requestId, EventLoop loop) {
        UpstreamServer server = pool == null ? null : pool.roundRobin().pick(null);
        if (server == null) {
            return CompletableFuture.completedFuture(null);
        }
        var headers = new DefaultHttpHeaders()
                .set("Accept", json ? "application/json" : "text/html")
                .set("X-Request-Id", requestId)
                .set("User-Agent", "modelgate");
        var request = new HttpGet.Request(server.host(), server.port(), server.tls() ? ClientTls.defaults() : null,
                server.hostHeader(), server.basePath() + path, headers, timeoutMillis, MAX_PAGE_BYTES);
        return client.get(loop, request).thenApply(r -> usable(r, json));
    }

    /** A 2xx page with a content type (JSON if JSON was asked for); anything else is no page. */
    static Page usable(HttpGet.Response r, boolean json) {
        String type = r.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (r.status() < 200 || r.status() > 299 || type == null || type.isBlank()) {
            return null;
        }
        if (json && !type.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        return new Page(type, r.body());
    }

    /**
     * The page's path: {@code {status}} and {@code {url}} (the original URI, query-escaped as Traefik does)
     * substituted; for a JSON client, {@code .html} before the query string becomes {@code .json}.
     */
    static String path(String query, int code, String uri, boolean json) {
        String p = query.replace("{status}", Integer.toString(code));
        if (p.contains("{url}")) {
            p = p.replace("{url}", URLEncoder.encode(uri == null ? "" : uri, StandardCharsets.UTF_8));
        }
        if (json) {
            int q = p.indexOf('?');
            String file = q < 0 ? p : p.substring(0, q);
            if (file.endsWith(".html")) {
                p = file.substring(0, file.length() - 5) + ".json" + (q < 0 ? "" : p.substring(q));
            }
        }
        return p;
    }

    /** The page cache, shared by this middleware's versions across reloads. */
    public PageCache cache() {
        return cache;
    }

    @Override
    public String toString() {
        return "errors[status=" + status + ", service=" + (pool == null ? "(none)" : pool.name()) + ", query=" + query + "]";
    }
}
