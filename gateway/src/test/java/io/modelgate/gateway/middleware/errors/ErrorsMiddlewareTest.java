package io.modelgate.gateway.middleware.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ErrorsSpec;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.StatusRanges;
import io.modelgate.gateway.net.HttpGet;
import io.modelgate.gateway.pipeline.Page;
import io.modelgate.gateway.lb.ServicePool;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.modelgate.gateway.lb.UpstreamServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Page paths, which answers count as pages, caching on a fake clock, and what goes to the error service. */
class ErrorsMiddlewareTest {

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("/{status}.html", 503, "/x", false, "/503.html"),
                Arguments.of("/{status}.html", 503, "/x", true, "/503.json"),
                Arguments.of("/errors/{status}", 404, "/x", true, "/errors/404"),
                Arguments.of("/{status}.html?from={url}", 502, "/api/v1/m?q=a b&c", false,
                        "/502.html?from=%2Fapi%2Fv1%2Fm%3Fq%3Da+b%26c"),
                Arguments.of("/{status}.html?from={url}", 502, "/a", true, "/502.json?from=%2Fa"),
                Arguments.of("/page.html?code={status}", 500, "/a", true, "/page.json?code=500"),
                Arguments.of("/static", 500, "/a", true, "/static"));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void pagePath(String query, int status, String uri, boolean json, String expected) {
        assertThat(ErrorsMiddleware.path(query, status, uri, json)).isEqualTo(expected);
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of(200, "text/html", false, true),
                Arguments.of(200, "application/json", true, true),
                Arguments.of(200, "application/problem+json", true, true),
                Arguments.of(200, "text/html", true, false),
                Arguments.of(204, "text/html", false, true),
                Arguments.of(404, "text/html", false, false),
                Arguments.of(500, "text/html", false, false),
                Arguments.of(301, "text/html", false, false),
                Arguments.of(200, null, false, false),
                Arguments.of(200, "", false, false));
    }

    @ParameterizedTest
    @MethodSource("answers")
    void whichAnswersArePages(int status, String contentType, boolean json, boolean usable) {
        var headers = new DefaultHttpHeaders();
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
        var fetched = new HttpGet.Response(status, headers, "x".getBytes(StandardCharsets.UTF_8));
        assertThat(ErrorsMiddleware.usable(fetched, json) != null).isEqualTo(usable);
    }

    /** An error service on a fake clock: answers with a page or fails, and records what it was asked. */
    static final class FakeService implements HttpGet {
        final List<String> paths = new ArrayList<>();
        final List<Map<String, String>> headers = new ArrayList<>();
        boolean down;

        @Override
        public CompletableFuture<Response> get(io.netty.channel.EventLoop loop, Request r) {
            paths.add(r.host() + ":" + r.port() + r.pathAndQuery());
            Map<String, String> h = new java.util.TreeMap<>();
            r.headers().forEach(e -> h.put(e.getKey(), e.getValue()));
            headers.add(h);
            if (down) {
                return CompletableFuture.failedFuture(new IOException("connection refused"));
            }
            String type = r.pathAndQuery().contains(".json") ? "application/json" : "text/html";
            return CompletableFuture.completedFuture(new Response(200,
                    new DefaultHttpHeaders().set("Content-Type", type), ("page " + r.pathAndQuery()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private final AtomicLong nanos = new AtomicLong();
    private final FakeService service = new FakeService();

    private ErrorsMiddleware middleware(ServicePool pool) {
        var spec = new ErrorsSpec(StatusRanges.parse(List.of("500-599", "404")), "pages", null);
        return new ErrorsMiddleware(spec, pool, new PageCache(nanos::get), service, 1000);
    }

    private static ServicePool pool() {
        return ServicePool.roundRobin("pages@file", List.of(UpstreamServer.of(new ServerSpec(URI.create("http://10.0.0.9:8090/base"), 1, false))), true);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void coversTheConfiguredStatuses() {
        ErrorsMiddleware m = middleware(pool());
        assertThat(m.covers(503)).isTrue();
        assertThat(m.covers(404)).isTrue();
        assertThat(m.covers(401)).isFalse();
        assertThat(m.covers(200)).isFalse();
    }

    @Test
    void aPageIsFetchedOnceAndServedFromTheCacheUntilItExpires() {
        ErrorsMiddleware m = middleware(pool());
        for (int i = 0; i < 50; i++) {
            Page page = m.page(503, false, "/a" + i, "req-" + i, null).join();
            assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo("page /base/503.html");
            assertThat(page.contentType()).isEqualTo("text/html");
        }
        assertThat(service.paths).containsExactly("10.0.0.9:8090/base/503.html");
        advance(PageCache.PAGE_TTL.plusMillis(1));
        m.page(503, false, "/a", "req", null).join();
        assertThat(service.paths).hasSize(2);
    }

    @Test
    void jsonClientsGetTheJsonVariantCachedSeparately() {
        ErrorsMiddleware m = middleware(pool());
        Page html = m.page(502, false, "/a", "r1", null).join();
        Page json = m.page(502, true, "/a", "r2", null).join();
        assertThat(html.contentType()).isEqualTo("text/html");
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(service.paths).containsExactly("10.0.0.9:8090/base/502.html",
                "10.0.0.9:8090/base/502.json");
        assertThat(service.headers.get(1)).containsEntry("Accept", "application/json");
    }

    @Test
    void onlyFixedHeadersGoToTheErrorService() {
        middleware(pool()).page(500, false, "/a", "req-7", null).join();
        assertThat(service.headers.getFirst()).containsOnlyKeys("Accept", "X-Request-Id", "User-Agent")
                .containsEntry("X-Request-Id", "req-7");
    }

    @Test
    void aDeadServiceGivesNoPageAndIsAskedAgainOnlyAfterTheMissTtl() {
        service.down = true;
        ErrorsMiddleware m = middleware(pool());
        assertThat(m.page(503, false, "/a", "r", null).join()).isNull();
        assertThat(m.page(503, false, "/a", "r", null).join()).isNull();
        assertThat(service.paths).hasSize(1);
        service.down = false;
        advance(PageCache.MISS_TTL.plusMillis(1));
        assertThat(m.page(503, false, "/a", "r", null).join()).isNotNull();
        assertThat(service.paths).hasSize(2);
    }

    @Test
    void noServiceMeansNoPageWithoutAnyFetch() {
        ErrorsMiddleware m = middleware(null);
        assertThat(m.page(500, true, "/a", "r", null).join()).isNull();
        assertThat(service.paths).isEmpty();
    }

    @Test
    void builtInPagesReflectNothingButStatusAndRequestId() {
        Page html = BuiltInPages.of(503, false, "abc123");
        String text = new String(html.body(), StandardCharsets.UTF_8);
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(text).contains("503 Service Unavailable").contains("abc123").doesNotContain("http");
        Page json = BuiltInPages.of(404, true, "abc123");
        assertThat(new String(json.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"status\":404,\"error\":\"Not Found\",\"requestId\":\"abc123\"}\n");
    }
}
