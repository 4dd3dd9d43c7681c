package io.modelgate.gateway.proxy;

import io.modelgate.gateway.testsupport.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway end to end: the real application on loopback, real HTTP backends, requests as raw bytes.
 */
class ProxyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static TestBackend a;
    static TestBackend b;
    static TestBackend c;
    static int deadPort;
    static int deadPort2;
    static GatewayInstance gw;

    @BeforeAll
    static void start() throws IOException {
        a = new TestBackend("a");
        b = new TestBackend("b");
        c = new TestBackend("c");
        deadPort = FreePorts.next(); // nothing listens there: connections are refused
        deadPort2 = FreePorts.next();
        gw = new GatewayInstance(dir, routes(""), "--modelgate.upstream.response-timeout=1s");
    }

    @AfterAll
    static void stop() {
        gw.close();
        Stream.of(a, b, c).forEach(TestBackend::close);
    }

    static String routes(String extraRouters) {
        return """
                http:
                  routers:
                    one:      { rule: "PathPrefix(`/one`)", service: a }
                    slow:     { rule: "PathPrefix(`/slow`)", service: a }
                    ws:       { rule: "PathPrefix(`/ws`)", service: a }
                    rr:       { rule: "PathPrefix(`/rr`)", service: abc }
                    weighted: { rule: "PathPrefix(`/weighted`)", service: weighted }
                    empty:    { rule: "PathPrefix(`/empty`)", service: empty }
                    dead:     { rule: "PathPrefix(`/dead`)", service: dead }
                    retry:    { rule: "PathPrefix(`/retry`)", service: deadThenA }
                    retry2:   { rule: "PathPrefix(`/two-dead`)", service: twoDeadThenA }
                    host:     { rule: "Host(`api.example`) && PathPrefix(`/h`)", service: b }
                    nohost:   { rule: "PathPrefix(`/nohost`)", service: aNoHost }
                    strip:    { rule: "PathPrefix(`/strip`)", service: a, middlewares: [strip] }
                %s
                  middlewares:
                    strip: { stripPrefix: { prefixes: ["/strip"] } }
                  services:
                    a:        { loadBalancer: { servers: [ { url: "%s" } ] } }
                    b:        { loadBalancer: { servers: [ { url: "%s" } ] } }
                    abc:      { loadBalancer: { servers: [ { url: "%s" }, { url: "%s" }, { url: "%s" } ] } }
                    weighted: { loadBalancer: { servers: [ { url: "%s", weight: 3 }, { url: "%s", weight: 1 } ] } }
                    empty:    { loadBalancer: { servers: [] } }
                    dead:     { loadBalancer: { servers: [ { url: "http://127.0.0.1:%d" } ] } }
                    deadThenA: { loadBalancer: { servers: [ { url: "http://127.0.0.1:%d" }, { url: "%s" } ] } }
                    twoDeadThenA: { loadBalancer: { servers: [ { url: "http://127.0.0.1:%d" }, { url: "http://127.0.0.1:%d" }, { url: "%s" } ] } }
                    aNoHost:  { loadBalancer: { servers: [ { url: "%s" } ], passHostHeader: false } }
                """.formatted(extraRouters, a.url(), b.url(), a.url(), b.url(), c.url(), a.url(), b.url(),
                deadPort, deadPort, a.url(), deadPort, deadPort2, a.url(), a.url());
    }

    static RawHttp.Response get(String path, String... headers) throws IOException {
        StringBuilder req = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: gw.test\r\n");
        for (String h : headers) {
            req.append(h).append("\r\n");
        }
        return RawHttp.exchange(gw.port(), req.append("Connection: close\r\n\r\n").toString());
    }

    static JsonNode echo(RawHttp.Response r) {
        return JSON.readTree(r.bodyText());
    }

    // ------------------------------------------------------------------ statuses

    @Test
    void routedRequestReachesItsBackend() throws IOException {
        RawHttp.Response r = get("/one/predict?x=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Backend")).isEqualTo("a");
        assertThat(echo(r).get("uri").asString()).isEqualTo("/one/predict?x=1");
    }

    @Test
    void unknownRouteIs404WithJsonWhenAccepted() throws IOException {
        RawHttp.Response r = get("/nowhere", "Accept: application/json");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(r.bodyText());
        assertThat(body.get("status").asInt()).isEqualTo(404);
        assertThat(body.get("error").asString()).isEqualTo("no route");
        assertThat(body.get("requestId").asString()).isEqualTo(r.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void unknownRouteIsPlainTextOtherwise() throws IOException {
        RawHttp.Response r = get("/nowhere", "Accept: text/html");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("text/plain");
        assertThat(r.bodyText()).startsWith("404 no route").doesNotContain("Exception").doesNotContain("<");
    }

    @Test
    void serviceWithoutServersIs503() throws IOException {
        assertThat(get("/empty", "Accept: application/json").status()).isEqualTo(503);
    }

    @Test
    void refusedConnectionIs502() throws IOException {
        RawHttp.Response r = get("/dead", "Accept: application/json");
        assertThat(r.status()).isEqualTo(502);
        assertThat(echo(r).get("error").asString()).isEqualTo("bad gateway");
    }

    @Test
    void failedConnectIsRetriedOnAnotherServer() throws IOException {
        for (int i = 0; i < 6; i++) {
            RawHttp.Response r = get("/retry");
            assertThat(r.status()).as("request %d", i).isEqualTo(200);
            assertThat(r.header("X-Backend")).isEqualTo("a");
        }
    }

    /** Two of three servers refuse (a node gone with two replicas): every request still reaches the third. */
    @Test
    void failedConnectsAreRetriedOnEachOtherServerUntilOneConnects() throws IOException {
        for (int i = 0; i < 6; i++) {
            RawHttp.Response r = get("/two-dead");
            assertThat(r.status()).as("request %d", i).isEqualTo(200);
            assertThat(r.header("X-Backend")).isEqualTo("a");
        }
    }

    @Test
    void slowUpstreamIs504() throws IOException {
        RawHttp.Response r = get("/slow?ms=3000", "Accept: application/json");
        assertThat(r.status()).isEqualTo(504);
        assertThat(echo(r).get("error").asString()).isEqualTo("upstream timeout");
    }

    // ------------------------------------------------------------------ malformed requests

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("garbage request line", "THIS IS NOT HTTP\r\n\r\n", 400),
                Arguments.of("space in header name", "GET /one HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", 400),
                Arguments.of("content-length and chunked", "POST /one HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
                Arguments.of("conflicting lengths", "POST /one HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                        + "Content-Length: 6\r\n\r\nhello!", 400),
                Arguments.of("bad content length", "POST /one HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400),
                Arguments.of("transfer coding not chunked", "POST /one HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: gzip\r\n\r\nxx", 400),
                Arguments.of("no host on HTTP/1.1", "GET /one HTTP/1.1\r\n\r\n", 400),
                Arguments.of("two hosts", "GET /one HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
                Arguments.of("encoded dot segment", "GET /one/%2e%2e/admin HTTP/1.1\r\nHost: x\r\n\r\n", 400),
                Arguments.of("header block too large", "GET /one HTTP/1.1\r\nHost: x\r\nX-Big: "
                        + "a".repeat(40 * 1024) + "\r\n\r\n", 431),
                Arguments.of("request line too long", "GET /one/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformed")
    void malformedRequestsNeverReachABackend(String name, String raw, int status) throws IOException {
        int before = a.requests();
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send(raw);
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(http.isClosedByPeer()).as("connection closed").isTrue();
        }
        assertThat(a.requests()).as("backend request count").isEqualTo(before);
    }

    @Test
    void dotSegmentsAreResolvedBeforeRouting() throws IOException {
        RawHttp.Response r = get("/nowhere/../one/x");
        assertThat(r.status()).isEqualTo(200);
        assertThat(echo(r).get("uri").asString()).isEqualTo("/one/x");
    }

    // ------------------------------------------------------------------ headers

    @Test
    void forwardedHeadersAreSetAndSpoofedOnesReplaced() throws IOException {
        RawHttp.Response r = get("/one", "X-Forwarded-For: 6.6.6.6", "X-Forwarded-User: admin",
                "X-Forwarded-Host: evil.example", "X-Real-Ip: 6.6.6.6");
        JsonNode h = echo(r).get("headers");
        assertThat(h.get("x-forwarded-for").asString()).isEqualTo("127.0.0.1");
        assertThat(h.get("x-real-ip").asString()).isEqualTo("127.0.0.1");
        assertThat(h.get("x-forwarded-host").asString()).isEqualTo("gw.test");
        assertThat(h.get("x-forwarded-proto").asString()).isEqualTo("http");
        assertThat(h.get("x-forwarded-port").asString()).isEqualTo("80");
        assertThat(h.get("x-forwarded-server")).isNotNull();
        assertThat(h.has("x-forwarded-user")).as("spoofed identity header removed").isFalse();
        assertThat(h.get("host").asString()).isEqualTo("gw.test");
    }

    @Test
    void hopByHopHeadersAreRemoved() throws IOException {
        RawHttp.Response r = get("/one", "Connection: X-Secret", "X-Secret: 1", "Keep-Alive: timeout=5",
                "Proxy-Authorization: Basic eA==", "X-Kept: yes");
        JsonNode h = echo(r).get("headers");
        assertThat(h.has("x-secret")).isFalse();
        assertThat(h.has("keep-alive")).isFalse();
        assertThat(h.has("proxy-authorization")).isFalse();
        assertThat(h.get("x-kept").asString()).isEqualTo("yes");
    }

    @Test
    void passHostHeaderFalseSendsTheServersHost() throws IOException {
        JsonNode h = echo(get("/nohost")).get("headers");
        assertThat(h.get("host").asString()).isEqualTo("127.0.0.1:" + a.port());
        assertThat(h.get("x-forwarded-host").asString()).isEqualTo("gw.test");
    }

    @Test
    void requestIdIsKeptWhenSaneAndGeneratedOtherwise() throws IOException {
        RawHttp.Response sane = get("/one", "X-Request-Id: client-id.42");
        assertThat(sane.header("X-Request-Id")).isEqualTo("client-id.42");
        assertThat(echo(sane).get("headers").get("x-request-id").asString()).isEqualTo("client-id.42");

        RawHttp.Response insane = get("/one", "X-Request-Id: not sane<script>");
        assertThat(insane.header("X-Request-Id")).matches("[0-9a-f]{32}");
        assertThat(echo(insane).get("headers").get("x-request-id").asString()).isEqualTo(insane.header("X-Request-Id"));

        assertThat(get("/nowhere").header("X-Request-Id")).matches("[0-9a-f]{32}");
    }

    // ------------------------------------------------------------------ routing and balancing

    @Test
    void hostRulesRouteByHost() throws IOException {
        RawHttp.Response r = RawHttp.exchange(gw.port(), "GET /h/x HTTP/1.1\r\nHost: API.example:8080\r\nConnection: close\r\n\r\n");
        assertThat(r.header("X-Backend")).isEqualTo("b");
        assertThat(get("/h/x").status()).isEqualTo(404);
    }

    @Test
    void stripPrefixRemovesThePrefix() throws IOException {
        JsonNode e = echo(get("/strip/v1/predict"));
        assertThat(e.get("uri").asString()).isEqualTo("/v1/predict");
        assertThat(e.get("headers").get("x-forwarded-prefix").asString()).isEqualTo("/strip");
    }

    @Test
    void roundRobinSpreadsEvenly() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 30; i++) {
            counts.merge(get("/rr").header("X-Backend"), 1, Integer::sum);
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 10, "b", 10, "c", 10));
    }

    @Test
    void weightsAreRespected() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            counts.merge(get("/weighted").header("X-Backend"), 1, Integer::sum);
        }
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("a", 30, "b", 10));
    }

    // ------------------------------------------------------------------ HTTP/1.x behaviour

    @Test
    void keepAliveAndPipelinedRequestsAnswerInOrder() throws IOException {
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send("GET /one/first HTTP/1.1\r\nHost: x\r\n\r\nGET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /h/third HTTP/1.1\r\nHost: api.example\r\n\r\n");
            RawHttp.Response first = http.read();
            RawHttp.Response second = http.read();
            RawHttp.Response third = http.read();
            assertThat(echo(first).get("uri").asString()).isEqualTo("/one/first");
            assertThat(second.status()).isEqualTo(404);
            assertThat(third.header("X-Backend")).isEqualTo("b");
            http.send("GET /one/again HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(echo(http.read()).get("uri").asString()).isEqualTo("/one/again");
        }
    }

    @Test
    void http10ClientGetsHttp10ResponseAndClose() throws IOException {
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send("GET /one/old HTTP/1.0\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.version()).isEqualTo("HTTP/1.0");
            assertThat(r.status()).isEqualTo(200);
            assertThat(echo(r).get("uri").asString()).isEqualTo("/one/old");
            assertThat(http.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void expectContinueIsAnsweredThenTheBodyForwarded() throws IOException {
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send("POST /one/upload HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(100);
            http.send("hello world");
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(echo(r).get("bodyLength").asInt()).isEqualTo(11);
            assertThat(echo(r).get("headers").has("expect")).isFalse();
        }
    }

    @Test
    void chunkedRequestBodyStreamsThrough() throws IOException {
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send("POST /one/chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            http.send("6\r\n world\r\n0\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(echo(r).get("bodyLength").asInt()).isEqualTo(11);
        }
    }

    @Test
    void headRequestGetsHeadersOnly() throws IOException {
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send("HEAD /one HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response r = http.read(true);
            assertThat(r.status()).isEqualTo(200);
            http.send("GET /one/after-head HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(echo(http.read()).get("uri").asString()).isEqualTo("/one/after-head");
        }
    }

    @Test
    void webSocketUpgradePassesThrough() {
        String reply = reactor.netty.http.client.HttpClient.create()
                .websocket()
                .uri("ws://127.0.0.1:" + gw.port() + "/ws")
                .handle((in, out) -> out.sendString(reactor.core.publisher.Mono.just("hello over the gateway"))
                        .then()
                        .thenMany(in.receive().asString().take(1)))
                .blockFirst(Duration.ofSeconds(10));
        assertThat(reply).isEqualTo("hello over the gateway");
    }

    // ------------------------------------------------------------------ configuration changes

    @Test
    void inFlightRequestSurvivesAConfigurationSwap() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.port() + "/slow/swap?ms=800")).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.last() != null && a.last().uri().startsWith("/slow/swap"));
        String withoutSlow = routes("").replace("    slow:     { rule: \"PathPrefix(`/slow`)\", service: a }\n", "");
        try {
            gw.writeRoutes(withoutSlow);
            assertThat(get("/slow/after?ms=1").status()).as("new requests see the new configuration").isEqualTo(404);
            HttpResponse<String> r = inFlight.get();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Backend")).hasValue("a");
        } finally {
            gw.writeRoutes(routes(""));
        }
    }

    @Test
    void badRuleDisablesOnlyItsRouterAndIsReported() throws Exception {
        try {
            gw.writeRoutes(routes("    broken:   { rule: \"PathPrefix(`/broken`) &&\", service: a }\n"));
            JsonNode router = gw.admin("/api/rawdata").get("routers").get("broken@file");
            assertThat(router.get("status").asString()).isEqualTo("disabled");
            assertThat(router.get("error").get(0).asString()).contains("rule").contains("position");
            JsonNode problems = gw.admin("/api/problems");
            assertThat(problems.valueStream().map(p -> p.get("element").asString() + " @ " + p.get("origin").asString()))
                    .anySatisfy(p -> assertThat(p).startsWith("router broken@file @ ").contains("routes.yml:"));
            assertThat(get("/one").status()).as("other routers stay live").isEqualTo(200);
            assertThat(get("/broken").status()).isEqualTo(404);
            assertThat(gw.adminText("/metrics")).contains("modelgate_config_problems{provider=\"file\"} 1.0");
        } finally {
            gw.writeRoutes(routes(""));
        }
    }

    // ------------------------------------------------------------------ admin and access log

    @Test
    void adminApiShowsTheConfiguration() throws Exception {
        assertThat(gw.adminText("/ping")).isEqualTo("OK");
        JsonNode raw = gw.admin("/api/rawdata");
        assertThat(raw.get("routers").get("one@file").get("status").asString()).isEqualTo("enabled");
        assertThat(raw.get("routers").get("one@file").get("service").asString()).isEqualTo("a@file");
        assertThat(raw.get("services").get("abc@file").get("loadBalancer").get("servers")).hasSize(3);
        assertThat(raw.get("services").get("empty@file").get("status").asString()).isEqualTo("warning");
        assertThat(raw.get("middlewares").get("strip@file").get("usedBy").get(0).asString()).isEqualTo("strip@file");
        List<String> names = gw.admin("/api/http/routers").valueStream().map(n -> n.get("name").asString()).toList();
        assertThat(names).contains("one@file", "rr@file").isSorted();
        assertThat(gw.admin("/api/http/services/a@file").get("name").asString()).isEqualTo("a@file");
    }

    @Test
    void adminApiAnswersTraefiksOverviewEntryPointsAndVersion() throws Exception {
        JsonNode raw = gw.admin("/api/rawdata");
        JsonNode http = gw.admin("/api/overview").get("http");
        assertThat(http.get("routers").get("total").asInt()).isEqualTo(raw.get("routers").size());
        assertThat(http.get("routers").get("errors").asLong()).isEqualTo(raw.get("routers").valueStream()
                .filter(r -> r.get("status").asString().equals("disabled")).count());
        assertThat(http.get("services").get("warnings").asLong()).as("the service without servers, among others")
                .isEqualTo(raw.get("services").valueStream().filter(r -> r.get("status").asString().equals("warning")).count())
                .isPositive();
        JsonNode eps = gw.admin("/api/entrypoints");
        assertThat(eps.valueStream().map(e -> e.get("name").asString() + " " + e.get("address").asString()))
                .contains("web 127.0.0.1:" + gw.port());
        assertThat(gw.admin("/api/version").get("Codename").asString()).isEqualTo("modelgate");
    }

    @Test
    void accessLogHasOneJsonLinePerRequestWithSecretsRedacted() throws Exception {
        String id = "access-log-test-" + System.nanoTime();
        get("/one/log?api_key=s3cr3t&x=1", "X-Request-Id: " + id, "Authorization: Bearer topsecret", "Cookie: sid=abc");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(gw.accessLog()).contains(id));
        String line = Files.readAllLines(gw.accessLog(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(id)).findFirst().orElseThrow();
        JsonNode entry = JSON.readTree(line);
        assertThat(entry.get("path").asString()).isEqualTo("/one/log?api_key=REDACTED&x=1");
        assertThat(entry.get("status").asInt()).isEqualTo(200);
        assertThat(entry.get("originStatus").asInt()).isEqualTo(200);
        assertThat(entry.get("router").asString()).isEqualTo("one@file");
        assertThat(entry.get("service").asString()).isEqualTo("a@file");
        assertThat(entry.get("serverUrl").asString()).isEqualTo(a.url());
        assertThat(entry.get("method").asString()).isEqualTo("GET");
        assertThat(entry.get("host").asString()).isEqualTo("gw.test");
        assertThat(entry.get("clientIp").asString()).isEqualTo("127.0.0.1");
        assertThat(entry.get("protocol").asString()).isEqualTo("HTTP/1.1");
        assertThat(entry.get("durationMs").asDouble()).isPositive();
        assertThat(entry.has("time")).isTrue();
        assertThat(line).doesNotContain("s3cr3t").doesNotContain("topsecret").doesNotContain("sid=abc");
    }
}
