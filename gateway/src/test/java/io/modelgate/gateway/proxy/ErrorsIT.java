package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

/**
 * The errors middleware against a real HTTP page server that records what it is asked: pages replace error
 * bodies with the status kept, JSON clients get JSON, credentials never reach the page server, a dead page
 * service gives built-in pages without taking the route down, and the gateway's own errors use the pages when
 * {@code modelgate.errors.service} is set.
 */
class ErrorsIT {

    @TempDir
    Path dir;

    private final List<HttpServerRequest> asked = new CopyOnWriteArrayList<>();
    private final List<String> askedHeaders = new CopyOnWriteArrayList<>();
    private DisposableServer pages;
    private TestBackend backend;

    @BeforeEach
    void pageServer() {
        pages = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            asked.add(req);
            askedHeaders.add(req.requestHeaders().names().stream().sorted().toList() + " " + req.uri());
            String code = req.uri().replaceAll("^/(\\d{3})\\..*", "$1");
            if (req.uri().endsWith(".json")) {
                return res.header("Content-Type", "application/json")
                        .sendString(Mono.just("{\"page\":" + code + ",\"from\":\"pages\"}"));
            }
            return res.header("Content-Type", "text/html; charset=utf-8")
                    .sendString(Mono.just("<html><h1>branded " + code + "</h1></html>"));
        }).bindNow();
        backend = new TestBackend("model");
    }

    @AfterEach
    void stop() {
        pages.disposeNow();
        backend.close();
    }

    private String routes(int pagesPort) throws IOException {
        return """
                http:
                  routers:
                    api:  { rule: "Host(`api`)", service: model, middlewares: [pages] }
                    dead: { rule: "Host(`dead`)", service: model, middlewares: [deadPages] }
                    gone: { rule: "Host(`gone`)", service: nowhere, middlewares: [pages] }
                  middlewares:
                    pages:     { errors: { status: ["500-599", "404"], service: pages, query: "/{status}.html" } }
                    deadPages: { errors: { status: ["500-599"], service: deadPages } }
                  services:
                    model:     { loadBalancer: { servers: [ { url: "%s" } ] } }
                    pages:     { loadBalancer: { servers: [ { url: "http://127.0.0.1:%d" } ] } }
                    deadPages: { loadBalancer: { servers: [ { url: "http://127.0.0.1:%d" } ] } }
                    nowhere:   { loadBalancer: { servers: [ { url: "http://127.0.0.1:%d" } ] } }
                """.formatted(backend.url(), pagesPort, ForwardAuthIT.deadPort(), ForwardAuthIT.deadPort());
    }

    static RawHttp.Response get(GatewayInstance gw, String host, String path, String extraHeaders) throws IOException {
        return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders
                + "Connection: close\r\n\r\n");
    }

    @Test
    void serverErrorsGetThePageWithTheirStatusAndHealthyRequestsPassUntouched() throws Exception {
        try (GatewayInstance gw = new GatewayInstance(dir, routes(pages.port()))) {
            RawHttp.Response r = get(gw, "api", "/status/503", "");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(r.bodyText()).isEqualTo("<html><h1>branded 503</h1></html>");
            assertThat(r.header("Retry-After")).as("kept: still meaningful with the page").isEqualTo("7");
            assertThat(r.header("Set-Cookie")).as("the server's cookie goes with its body").isNull();
            assertThat(r.header("X-Request-Id")).isNotBlank();

            RawHttp.Response json = get(gw, "api", "/status/500", "Accept: application/json\r\n");
            assertThat(json.status()).isEqualTo(500);
            assertThat(json.header("Content-Type")).isEqualTo("application/json");
            assertThat(json.bodyText()).isEqualTo("{\"page\":500,\"from\":\"pages\"}");

            RawHttp.Response ok = get(gw, "api", "/predict", "");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-Backend")).isEqualTo("model");
            assertThat(get(gw, "api", "/status/418", "").bodyText()).as("not in range: the server's own body")
                    .isEqualTo("e".repeat(32));
        }
    }

    @Test
    void credentialsAndCookiesNeverReachThePageService() throws Exception {
        try (GatewayInstance gw = new GatewayInstance(dir, routes(pages.port()))) {
            RawHttp.Response r = get(gw, "api", "/status/502", "Authorization: Bearer s3cret\r\nCookie: session=abc\r\n"
                    + "X-API-Key: k\r\n");
            assertThat(r.status()).isEqualTo(502);
            assertThat(backend.last().headers().get("Authorization")).as("the model still got it").isEqualTo("Bearer s3cret");
            assertThat(asked).hasSize(1);
            var h = asked.getFirst().requestHeaders();
            assertThat(h.get("Authorization")).isNull();
            assertThat(h.get("Cookie")).isNull();
            assertThat(h.get("X-API-Key")).isNull();
            assertThat(h.get("X-Request-Id")).isEqualTo(r.header("X-Request-Id"));
        }
    }

    @Test
    void pagesAreCachedAndTheConnectionStaysUsable() throws Exception {
        try (GatewayInstance gw = new GatewayInstance(dir, routes(pages.port()));
             RawHttp client = new RawHttp(gw.port())) {
            for (int i = 0; i < 20; i++) {
                // a large error body is read to its end and dropped; the same client connection goes on
                client.send("GET /status/500?bytes=300000 HTTP/1.1\r\nHost: api\r\n\r\n");
                RawHttp.Response r = client.read();
                assertThat(r.status()).isEqualTo(500);
                assertThat(r.bodyText()).isEqualTo("<html><h1>branded 500</h1></html>");
                client.send("GET /ok HTTP/1.1\r\nHost: api\r\n\r\n");
                assertThat(client.read().status()).isEqualTo(200);
            }
            assertThat(asked).as("one fetch, then the cache").hasSize(1);
        }
    }

    @Test
    void pipelinedRequestsKeepTheirOrderWhileAPageIsFetched() throws Exception {
        try (GatewayInstance gw = new GatewayInstance(dir, routes(pages.port()));
             RawHttp client = new RawHttp(gw.port())) {
            client.send("GET /status/503 HTTP/1.1\r\nHost: api\r\n\r\n"
                    + "GET /first HTTP/1.1\r\nHost: api\r\n\r\n"
                    + "GET /status/504 HTTP/1.1\r\nHost: api\r\nAccept: application/json\r\n\r\n"
                    + "GET /second HTTP/1.1\r\nHost: nowhere.example\r\n\r\n");
            RawHttp.Response a = client.read();
            RawHttp.Response b = client.read();
            RawHttp.Response c = client.read();
            RawHttp.Response d = client.read();
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.bodyText()).isEqualTo("<html><h1>branded 503</h1></html>");
            assertThat(b.status()).isEqualTo(200);
            assertThat(b.bodyText()).contains("\"uri\":\"/first\"");
            assertThat(c.status()).isEqualTo(504);
            assertThat(c.bodyText()).isEqualTo("{\"page\":504,\"from\":\"pages\"}");
            assertThat(d.status()).isEqualTo(404);
        }
    }

    @Test
    void aBodyTooLargeGetsItsPageAndNothingIsForwarded() throws Exception {
        try (GatewayInstance gw = new GatewayInstance(dir, routes(pages.port()), "--modelgate.errors.service=pages@file",
                "--modelgate.max-request-body-bytes=1000")) {
            RawHttp.Response r = RawHttp.exchange(gw.port(), "POST /upload HTTP/1.1\r\nHost: unrouted.example\r\n"
                    + "Content-Length: 5\r\nConnection: close\r\n\r\nhello");
            assertThat(r.status()).isEqualTo(404);
            RawHttp.Response big = RawHttp.exchange(gw.port(), "POST /upload HTTP/1.1\r\nHost: api\r\n"
                    + "Content-Length: 2000\r\n\r\n" + "x".repeat(2000));
            assertThat(big.status()).isEqualTo(413);
            assertThat(big.bodyText()).isEqualTo("<html><h1>branded 413</h1></html>");
            assertThat(backend.requests()).isZero();
        }
    }

    @Test
    void aDeadPageServiceGivesBuiltInPagesAndTheRouteStaysUp() throws Exception {
        try (GatewayInstance gw = new GatewayInstance(dir, routes(pages.port()))) {
            RawHttp.Response html = get(gw, "dead", "/status/503", "");
            assertThat(html.status()).isEqualTo(503);
            assertThat(html.header("Content-Type")).startsWith("text/html");
            assertThat(html.bodyText()).contains("503 Service Unavailable").doesNotContain("eeee");
            RawHttp.Response json = get(gw, "dead", "/status/500", "Accept: application/json\r\n");
            assertThat(json.header("Content-Type")).isEqualTo("application/json");
            assertThat(json.bodyText()).startsWith("{\"status\":500,\"error\":\"Internal Server Error\"");
            assertThat(get(gw, "dead", "/predict", "").status()).as("healthy requests still served").isEqualTo(200);
            assertThat(gw.admin("/api/http/routers/dead@file").path("status").asString()).isEqualTo("enabled");
        }
    }

    @Test
    void theGatewaysOwnErrorsUseThePagesWhenConfigured() throws Exception {
        try (GatewayInstance gw = new GatewayInstance(dir, routes(pages.port()), "--modelgate.errors.service=pages@file")) {
            RawHttp.Response notFound = get(gw, "unknown.example", "/x", "");
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.bodyText()).isEqualTo("<html><h1>branded 404</h1></html>");
            RawHttp.Response notFoundJson = get(gw, "unknown.example", "/x", "Accept: application/json\r\n");
            assertThat(notFoundJson.bodyText()).isEqualTo("{\"page\":404,\"from\":\"pages\"}");
            RawHttp.Response badGateway = get(gw, "gone", "/x", "");
            assertThat(badGateway.status()).isEqualTo(502);
            assertThat(badGateway.bodyText()).isEqualTo("<html><h1>branded 502</h1></html>");
            RawHttp.Response malformed = RawHttp.exchange(gw.port(), "GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.bodyText()).isEqualTo("<html><h1>branded 400</h1></html>");
        }
    }

    @Test
    void withoutTheSettingTheGatewaysOwnErrorsStayShort() throws Exception {
        try (GatewayInstance gw = new GatewayInstance(dir, routes(pages.port()))) {
            RawHttp.Response notFound = get(gw, "unknown.example", "/x", "Accept: application/json\r\n");
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.bodyText()).startsWith("{\"status\":404,\"error\":\"no route\"");
            assertThat(asked).isEmpty();
        }
    }
}
