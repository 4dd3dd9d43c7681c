package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.EdgeCorpus;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.crypto.bcrypt.BCrypt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The edge corpus ({@code edge/corpus.tsv}) over raw sockets against the real gateway and a real backend: every
 * refused case gets its status, a closed connection and never reaches the backend; every passing case reaches it
 * with what the corpus says. Then the head deadline and the body rate with real time (short settings).
 */
class EdgeCorpusIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static TestBackend backend;
    static GatewayInstance gw;

    @BeforeAll
    static void start() throws IOException {
        backend = new TestBackend("edge");
        String hash = BCrypt.hashpw("pass", BCrypt.gensalt(4));
        gw = new GatewayInstance(dir, """
                http:
                  routers:
                    all:  { rule: "PathPrefix(`/`)", service: s }
                    auth: { rule: "PathPrefix(`/auth`)", service: s, middlewares: [basic] }
                  middlewares:
                    basic: { basicAuth: { users: ["user:%s"], headerField: X-Auth-User } }
                  services:
                    s: { loadBalancer: { servers: [ { url: "%s" } ] } }
                """.formatted(hash, backend.url()),
                "--modelgate.entrypoints.web.head-timeout=1s",
                "--modelgate.entrypoints.web.min-body-rate=1KB",
                "--modelgate.entrypoints.web.min-body-rate-window=2s");
    }

    @AfterAll
    static void stop() {
        gw.close();
        backend.close();
    }

    static Stream<EdgeCorpus.Case> corpus() {
        return EdgeCorpus.load().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCaseGetsItsAnswer(EdgeCorpus.Case c) throws IOException {
        int before = backend.requests();
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send(c.raw());
            RawHttp.Response r = http.read();
            assertThat(r.status()).as(r.bodyText()).isEqualTo(c.status());
            if (c.local()) {
                if (c.status() >= 400) {
                    assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
                    assertThat(http.isClosedByPeer()).as("connection closed").isTrue();
                }
                assertThat(backend.requests()).as("nothing forwarded").isEqualTo(before);
                return;
            }
            JsonNode echo = JSON.readTree(r.bodyText());
            Map<String, String> headers = new TreeMap<>();
            echo.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
            assertThat(c.failures(echo.get("uri").asString(), headers)).as(r.bodyText()).isEmpty();
        }
    }

    @Test
    void aSlowlorisHeadGets408WithinItsDeadlineAndIsCounted() throws Exception {
        int before = backend.requests();
        double counted = timeouts("head");
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send("GET /slow HTTP/1.1\r\nHost: gw.test\r\n");
            long start = System.nanoTime();
            RawHttp.Response r = null;
            for (int i = 0; i < 20 && r == null; i++) {
                Thread.sleep(200); // the client's pace, not a wait for the gateway: a byte every 200 ms
                try {
                    http.send("X-" + i + ": y\r\n");
                } catch (IOException closed) {
                    break; // the gateway answered and closed meanwhile
                }
            }
            r = http.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until refused").isLessThan(2500);
            assertThat(http.isClosedByPeer()).isTrue();
        }
        assertThat(backend.requests()).as("nothing forwarded").isEqualTo(before);
        assertThat(timeouts("head")).isGreaterThan(counted);
    }

    @Test
    void aBodyUnderTheMinimumRateGets408AndOneAboveItPasses() throws Exception {
        double counted = timeouts("body");
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send("POST /upload HTTP/1.1\r\nHost: gw.test\r\nContent-Length: 100000\r\n\r\n");
            for (int i = 0; i < 40; i++) {
                Thread.sleep(100); // 100 B/s, under the 1 KB/s minimum
                try {
                    http.send("x".repeat(10));
                } catch (IOException closed) {
                    break;
                }
            }
            assertThat(http.read().status()).isEqualTo(408);
            assertThat(http.isClosedByPeer()).isTrue();
        }
        assertThat(timeouts("body")).isGreaterThan(counted);

        try (RawHttp http = new RawHttp(gw.port())) {
            http.send("POST /upload HTTP/1.1\r\nHost: gw.test\r\nContent-Length: 12000\r\nConnection: close\r\n\r\n");
            for (int i = 0; i < 30; i++) {
                Thread.sleep(100); // 4 KB/s for 3 s: across a whole window, above the minimum
                http.send("x".repeat(400));
            }
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(JSON.readTree(r.bodyText()).get("bodyLength").asInt()).isEqualTo(12000);
        }
    }

    private static double timeouts(String kind) throws Exception {
        Matcher m = Pattern.compile("modelgate_entrypoint_request_timeouts_total\\{[^}]*kind=\"" + kind
                + "\"[^}]*} (\\S+)").matcher(gw.adminText("/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
