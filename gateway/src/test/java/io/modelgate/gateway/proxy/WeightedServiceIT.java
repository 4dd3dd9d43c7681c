package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A canary release the Traefik way: a weighted service over two model versions' services, written in the file
 * provider, in front of two real backends. The share, what the access log and the metrics say answered, the
 * admin API's view, and a version whose servers are gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WeightedServiceIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static TestBackend v1;
    static TestBackend v2;
    static GatewayInstance gw;

    @BeforeAll
    static void start() throws IOException {
        v1 = new TestBackend("v1");
        v2 = new TestBackend("v2");
        gw = new GatewayInstance(dir, routes(v2.url()));
    }

    @AfterAll
    static void stop() {
        gw.close();
        Stream.of(v1, v2).forEach(TestBackend::close);
    }

    /** The routes, with {@code v2Url} as sentiment-v2's one server, or none if empty. */
    static String routes(String v2Url) {
        return """
                http:
                  routers:
                    sentiment: { rule: "PathPrefix(`/api/v1/sentiment`)", service: sentiment }
                  services:
                    sentiment:
                      weighted:
                        services:
                          - name: sentiment-v1
                            weight: 3
                          - name: sentiment-v2
                            weight: 1
                    sentiment-v1: { loadBalancer: { servers: [ { url: "%s" } ] } }
                    sentiment-v2: { loadBalancer: { servers: [ %s ], passHostHeader: false } }
                """.formatted(v1.url(), v2Url.isEmpty() ? "" : "{ url: \"" + v2Url + "\" }");
    }

    /** A sample's value in a Prometheus scrape, -1 if it is not there. */
    static double value(String scrape, String name, String labels) {
        return scrape.lines().filter(l -> l.startsWith(name + "{" + labels + ",} ") || l.startsWith(name + "{" + labels + "} "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }

    static RawHttp.Response predict() throws IOException {
        return RawHttp.exchange(gw.port(), "POST /api/v1/sentiment/predict HTTP/1.1\r\nHost: gw.test\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    }

    static Map<String, Integer> backends(int requests) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            RawHttp.Response r = predict();
            assertThat(r.status()).isEqualTo(200);
            counts.merge(r.header("X-Backend"), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    @Order(1)
    void requestsAreSharedByWeightAndEachVersionKeepsItsOwnLoadBalancerSettings() throws IOException {
        assertThat(backends(40)).containsExactlyEntriesOf(new TreeMap<>(Map.of("v1", 30, "v2", 10)));

        // passHostHeader: false is sentiment-v2's own setting: its backend sees its own address as Host
        Map<String, String> hosts = new TreeMap<>();
        for (int i = 0; i < 4; i++) {
            RawHttp.Response r = predict();
            hosts.put(r.header("X-Backend"), JSON.readTree(r.bodyText()).get("headers").get("host").asString());
        }
        assertThat(hosts).containsEntry("v1", "gw.test").containsEntry("v2", v2.url().replace("http://", ""));
    }

    @Test
    @Order(2)
    void theAccessLogAndTheServiceMetricsNameTheVersionThatAnswered() throws Exception {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(Files.readAllLines(gw.accessLog()))
                .filteredOn(l -> l.contains("\"router\":\"sentiment@file\"")).hasSize(44));
        Map<String, Long> services = new TreeMap<>();
        for (String line : Files.readAllLines(gw.accessLog())) {
            JsonNode j = JSON.readTree(line);
            if ("sentiment@file".equals(j.path("router").asString(""))) {
                services.merge(j.get("service").asString(), 1L, Long::sum);
            }
        }
        assertThat(services).containsExactlyEntriesOf(new TreeMap<>(Map.of("sentiment-v1@file", 33L, "sentiment-v2@file", 11L)));

        String scrape = gw.adminText("/metrics");
        assertThat(value(scrape, "modelgate_service_requests_total",
                "code=\"200\",method=\"POST\",protocol=\"http\",service=\"sentiment-v2@file\"")).isEqualTo(11);
        assertThat(value(scrape, "modelgate_service_requests_total",
                "code=\"200\",method=\"POST\",protocol=\"http\",service=\"sentiment-v1@file\"")).isEqualTo(33);
        assertThat(value(scrape, "modelgate_router_requests_total",
                "code=\"200\",method=\"POST\",protocol=\"http\",router=\"sentiment@file\",service=\"sentiment@file\"")).isEqualTo(44);
        assertThat(scrape).doesNotContain("modelgate_service_requests_total{code=\"200\",method=\"POST\",protocol=\"http\",service=\"sentiment@file\"");
    }

    @Test
    @Order(3)
    void theAdminApiShowsTheWeightedServiceAsTraefikDoes() throws Exception {
        JsonNode s = gw.admin("/api/http/services/sentiment@file");
        assertThat(s.get("type").asString()).isEqualTo("weighted");
        assertThat(s.get("status").asString()).isEqualTo("enabled");
        assertThat(s.get("weighted").get("services").toString())
                .isEqualTo("[{\"name\":\"sentiment-v1\",\"weight\":3},{\"name\":\"sentiment-v2\",\"weight\":1}]");
        assertThat(gw.admin("/api/http/services/sentiment-v2@file").get("usedBy").toString()).isEqualTo("[\"sentiment@file\"]");
    }

    @Test
    @Order(4)
    void aVersionWhoseServersAreGoneGetsNoShareUntilTheyAreBack() throws IOException {
        gw.writeRoutes(routes(""));
        assertThat(backends(12)).containsExactlyEntriesOf(Map.of("v1", 12));

        gw.writeRoutes(routes(v2.url()));
        assertThat(backends(8)).containsExactlyEntriesOf(new TreeMap<>(Map.of("v1", 6, "v2", 2)));
    }
}
