package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * forwardAuth against a real HTTP auth server: allow, deny as it came, cache by max-age, fail closed; the access
 * log carries the user the auth service named.
 */
class ForwardAuthIT {

    @TempDir
    Path dir;

    /** A tiny auth service: token "good" is alice for 30 s; "scoped" only for model m1; anything else 401. */
    static DisposableServer authServer(AtomicInteger calls) {
        return HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            calls.incrementAndGet();
            String auth = req.requestHeaders().get("Authorization", "");
            String uri = req.requestHeaders().get("X-Forwarded-Uri", "");
            if (auth.equals("Bearer good") || (auth.equals("Bearer scoped") && uri.startsWith("/api/v1/m1"))) {
                return res.header("X-Auth-User", auth.equals("Bearer good") ? "alice" : "bob")
                        .header("Cache-Control", "max-age=30").send();
            }
            if (auth.equals("Bearer scoped")) {
                return res.status(403).header("Content-Type", "application/json").sendString(reactor.core.publisher.Mono.just(
                        "{\"error\":\"scope\"}"));
            }
            return res.status(401).header("WWW-Authenticate", "Bearer").header("Content-Type", "application/json")
                    .sendString(reactor.core.publisher.Mono.just("{\"error\":\"no valid token\"}"));
        }).bindNow();
    }

    private static List<JsonNode> accessLines(GatewayInstance gw) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        return Files.exists(gw.accessLog()) ? Files.readAllLines(gw.accessLog()).stream().filter(l -> !l.isBlank())
                .map(json::readTree).toList() : List.of();
    }

    static int deadPort() {
        return FreePorts.next(); // nothing listens there: connections are refused
    }

    static RawHttp.Response get(GatewayInstance gw, String path, String token) throws IOException {
        return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: api\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "X-Auth-User: mallory\r\nConnection: close\r\n\r\n");
    }

    @Test
    void allowDenyCacheAndFailClosed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DisposableServer auth = authServer(calls);
        try (TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers:
                         r:    { rule: "PathPrefix(`/api/v1`)", service: s, middlewares: [auth] }
                         down: { rule: "PathPrefix(`/api/v2`)", service: s, middlewares: [authDown] }
                       middlewares:
                         auth: { forwardAuth: { address: "http://127.0.0.1:%d/auth", authResponseHeaders: [X-Auth-User], timeout: 2s } }
                         authDown: { forwardAuth: { address: "http://127.0.0.1:%d/auth", timeout: 2s } }
                       services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                     """.formatted(auth.port(), deadPort(), backend.url()))) {
            RawHttp.Response none = get(gw, "/api/v1/m1/predict", null);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
            assertThat(none.bodyText()).contains("no valid token");
            assertThat(get(gw, "/api/v1/m1/predict", "unknown").status()).isEqualTo(401);
            assertThat(get(gw, "/api/v1/m2/predict", "scoped").status()).isEqualTo(403);
            assertThat(backend.requests()).as("nothing forwarded so far").isZero();

            int before = calls.get();
            for (int i = 0; i < 100; i++) {
                RawHttp.Response ok = get(gw, "/api/v1/m1/predict", "good");
                assertThat(ok.status()).isEqualTo(200);
                var headers = JsonMapper.builder().build().readTree(ok.bodyText()).get("headers");
                assertThat(headers.get("x-auth-user").asString()).as("from the auth service, never the client").isEqualTo("alice");
            }
            assertThat(calls.get() - before).as("auth calls for 100 requests with max-age=30").isLessThanOrEqualTo(2);

            // an auth service that is not there: never forwarded, 503
            int forwarded = backend.requests();
            RawHttp.Response down = RawHttp.exchange(gw.port(), "GET /api/v2/m1/predict HTTP/1.1\r\nHost: api\r\n"
                    + "Authorization: Bearer good\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.bodyText()).contains("auth service unavailable");
            assertThat(backend.requests()).as("fail closed: not forwarded").isEqualTo(forwarded);

            // the access log names the user the auth service gave, never the X-Auth-User the client sent
            List<JsonNode> lines = await().atMost(Duration.ofSeconds(5)).until(() -> accessLines(gw), l -> l.size() >= 104);
            assertThat(lines).filteredOn(n -> n.get("status").asInt() == 200).hasSize(100)
                    .allSatisfy(n -> {
                        assertThat(n.get("user").asString()).isEqualTo("alice");
                        assertThat(n.get("middlewares").toString()).isEqualTo("[\"auth@file\"]");
                        assertThat(n.get("router").asString()).isEqualTo("r@file");
                    });
            assertThat(lines).filteredOn(n -> n.get("status").asInt() == 401).hasSize(2)
                    .allSatisfy(n -> assertThat(n.get("user").isNull()).as("refused: nobody, not mallory").isTrue());
            assertThat(lines).filteredOn(n -> n.get("status").asInt() == 503).singleElement()
                    .satisfies(n -> assertThat(n.get("middlewares").toString()).isEqualTo("[\"authDown@file\"]"));
            assertThat(lines).noneMatch(n -> n.toString().contains("mallory"));
        } finally {
            auth.disposeNow();
        }
    }
}
