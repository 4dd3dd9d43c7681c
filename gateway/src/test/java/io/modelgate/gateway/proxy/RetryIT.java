package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.ResettingBackend;
import io.modelgate.gateway.testsupport.TestBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The retry middleware in the real gateway against real servers: a port that refuses connections, a server
 * that resets every connection after reading the request, and a healthy backend.
 */
class RetryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    static String routes(String service) {
        return """
                http:
                  routers:
                    r: { rule: "PathPrefix(`/`)", service: s, middlewares: [again] }
                  middlewares:
                    again: { retry: { attempts: 3, initialInterval: 50ms } }
                  services: { s: { loadBalancer: { servers: [ %s ] } } }
                """.formatted(service);
    }

    static RawHttp.Response get(GatewayInstance gw, String path) throws Exception {
        return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    @Test
    void anIdempotentGetMovesToTheHealthyServerWhenTheFirstRefusesOrResets() throws Exception {
        String refusing = "http://127.0.0.1:" + FreePorts.next(); // nothing listens there
        try (TestBackend healthy = new TestBackend("healthy"); ResettingBackend resetting = new ResettingBackend();
             GatewayInstance gw = new GatewayInstance(dir, routes("{ url: \"%s\" }, { url: \"%s\" }, { url: \"%s\" }"
                     .formatted(refusing, resetting.url(), healthy.url())))) {
            // round robin: the first requests meet the refusing and the resetting server first
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = get(gw, "/get/" + i);
                assertThat(r.status()).as("request %d", i).isEqualTo(200);
                assertThat(r.header("X-Backend")).isEqualTo("healthy");
            }
            assertThat(resetting.requests()).as("the resetting server did get a request").isNotEmpty()
                    .allMatch(s -> s.equals("GET body=0"));
            List<JsonNode> lines = log(gw, 3);
            assertThat(lines).extracting(l -> l.get("status").asInt()).containsOnly(200);
            assertThat(lines).as("retries are in the access log")
                    .anySatisfy(l -> assertThat(l.get("retryAttempts").asInt()).isPositive());
            assertThat(lines.stream().mapToInt(l -> l.get("retryAttempts").asInt()).sum())
                    .as("each failure was one retry").isGreaterThanOrEqualTo(2);
            assertThat(gw.adminText("/metrics")).containsPattern("modelgate_service_retries_total\\{service=\"s@file\"} [1-9]");
        }
    }

    @Test
    void aPostWhoseBodyWasSentIsNeverRetriedAGetIsUpToAttempts() throws Exception {
        try (ResettingBackend resetting = new ResettingBackend();
             GatewayInstance gw = new GatewayInstance(dir, routes("{ url: \"%s\" }".formatted(resetting.url())))) {
            RawHttp.Response post = RawHttp.exchange(gw.port(), "POST /predict HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"x\": [1]}\n");
            assertThat(post.status()).isEqualTo(502);
            assertThat(resetting.requests()).as("sent once, never again").containsExactly("POST body=11");

            assertThat(get(gw, "/predict").status()).isEqualTo(502);
            assertThat(resetting.requests()).as("3 attempts, all on the only server")
                    .containsExactly("POST body=11", "GET body=0", "GET body=0", "GET body=0");

            List<JsonNode> lines = log(gw, 2);
            assertThat(lines).extracting(l -> l.get("method").asString() + " " + l.get("retryAttempts").asInt())
                    .containsExactly("POST 0", "GET 2");
        }
    }

    @Test
    void nothingIsRetriedOnceTheResponseBeganToReachTheClient() throws Exception {
        try (ResettingBackend cut = ResettingBackend.afterResponseBegan();
             GatewayInstance gw = new GatewayInstance(dir, routes("{ url: \"%s\" }".formatted(cut.url())))) {
            RawHttp.Response r;
            try {
                r = get(gw, "/predict");
            } catch (java.io.IOException cutShort) {
                r = null; // the client saw the connection end inside the body: the honest signal
            }
            if (r != null) {
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyText()).as("the body stops where the server stopped").hasSizeLessThan(100);
            }
            // the service's only server: a retry would have shown here as a second request
            assertThat(cut.requests()).as("sent once: the response had begun").containsExactly("GET body=0");
            assertThat(log(gw, 1).getFirst().get("retryAttempts").asInt()).isZero();
        }
    }

    private static List<JsonNode> log(GatewayInstance gw, int lines) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(gw.accessLog())
                ? Files.readAllLines(gw.accessLog()).stream().filter(l -> !l.isBlank()).map(JSON::readTree).toList()
                : List.<JsonNode>of(), l -> l.size() >= lines);
    }
}
