package io.modelgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real traffic through the real gateway moves the request metrics with router, service and code labels; the
 * scrape passes Debian's {@code promtool check metrics}; docs/metrics.md lists exactly what is exposed.
 */
class MetricsIT {

    private static final Pattern FAMILY = Pattern.compile("^# TYPE (modelgate_\\w+) ", Pattern.MULTILINE);
    private static final Pattern DOCUMENTED = Pattern.compile("^\\| `(modelgate_\\w+)` \\|", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void trafficMovesCountersAndHistogramsAndTheScrapeIsValid() throws Exception {
        String dead = "http://127.0.0.1:" + io.modelgate.gateway.testsupport.FreePorts.next(); // refuses connections
        try (TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers:
                         m: { rule: "PathPrefix(`/api`)", service: s }
                         guarded: { rule: "PathPrefix(`/guarded`)", service: t, middlewares: [cb, again] }
                       middlewares:
                         cb: { circuitBreaker: { expression: "NetworkErrorRatio() > 0.9" } }
                         again: { retry: { attempts: 2 } }
                       services:
                         s: { loadBalancer: { servers: [ { url: "%s" } ] } }
                         t:
                           loadBalancer:
                             servers: [ { url: "%s" }, { url: "%s" } ]
                             server: { maxInFlight: 4 }
                             queue: { size: 2 }
                     """.formatted(backend.url(), dead, backend.url()))) {
            for (int i = 0; i < 5; i++) {
                assertThat(get(gw, "GET /api/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).isEqualTo(200);
            }
            assertThat(get(gw, "POST /api/x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"))
                    .isEqualTo(200);
            assertThat(get(gw, "GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).isEqualTo(404);
            assertThat(get(gw, "GET /api/x HTTP/1.1\r\nConnection: close\r\n\r\n")).isEqualTo(400); // no Host

            // the dead server refuses: retried on the live one, and passive health ejects it
            for (int i = 0; i < 2; i++) {
                assertThat(get(gw, "GET /guarded HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).isEqualTo(200);
            }

            String scrape = gw.adminText("/metrics");
            assertThat(value(scrape, "modelgate_service_server_ejections_total", "service=\"t@file\",url=\"" + dead + "\""))
                    .isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "modelgate_service_retries_total", "service=\"t@file\"")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "modelgate_service_queue_waits_total", "service=\"t@file\"")).isZero();
            assertThat(value(scrape, "modelgate_circuitbreaker_refused_total", "middleware=\"cb@file\"")).isZero();
            assertThat(value(scrape, "modelgate_router_requests_total",
                    "code=\"200\",method=\"GET\",protocol=\"http\",router=\"m@file\",service=\"s@file\"")).isEqualTo(5);
            assertThat(value(scrape, "modelgate_service_requests_total",
                    "code=\"200\",method=\"POST\",protocol=\"http\",service=\"s@file\"")).isEqualTo(1);
            assertThat(value(scrape, "modelgate_router_request_duration_seconds_count",
                    "code=\"200\",method=\"GET\",protocol=\"http\",router=\"m@file\",service=\"s@file\"")).isEqualTo(5);
            assertThat(value(scrape, "modelgate_router_request_duration_seconds_bucket",
                    "code=\"200\",method=\"GET\",protocol=\"http\",router=\"m@file\",service=\"s@file\",le=\"+Inf\"")).isEqualTo(5);
            assertThat(value(scrape, "modelgate_router_requests_bytes_total",
                    "code=\"200\",method=\"POST\",protocol=\"http\",router=\"m@file\",service=\"s@file\"")).isEqualTo(3);
            assertThat(value(scrape, "modelgate_router_responses_bytes_total",
                    "code=\"200\",method=\"GET\",protocol=\"http\",router=\"m@file\",service=\"s@file\"")).isPositive();
            // refused before or at routing: the entry point counts them, no router does
            assertThat(value(scrape, "modelgate_entrypoint_requests_total",
                    "code=\"404\",entrypoint=\"web\",method=\"GET\",protocol=\"http\"")).isEqualTo(1);
            assertThat(value(scrape, "modelgate_entrypoint_requests_total",
                    "code=\"400\",entrypoint=\"web\",method=\"GET\",protocol=\"http\"")).isEqualTo(1);
            assertThat(scrape).doesNotContain("modelgate_router_requests_total{code=\"404\"");
            assertThat(value(scrape, "modelgate_service_server_up", "service=\"s@file\",url=\"" + backend.url() + "\""))
                    .isEqualTo(1);
            assertThat(value(scrape, "modelgate_config_reloads_total", "")).isGreaterThanOrEqualTo(1);
            assertThat(value(scrape, "modelgate_config_last_reload_success", ""))
                    .isGreaterThan(System.currentTimeMillis() / 1000.0 - 120);

            promtoolAccepts(scrape);
            docsMatch(scrape);
        }
    }

    private static int get(GatewayInstance gw, String raw) throws Exception {
        return RawHttp.exchange(gw.port(), raw).status();
    }

    /** The sample {@code name{labels}} in a scrape (labels in Prometheus' sorted order), or -1 if absent. */
    static double value(String scrape, String name, String labels) {
        String prefix = labels.isEmpty() ? name + " " : name + "{" + labels + ",} ";
        String prefix2 = labels.isEmpty() ? name + " " : name + "{" + labels + "} ";
        for (String line : scrape.lines().toList()) {
            if (line.startsWith(prefix) || line.startsWith(prefix2)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    private void promtoolAccepts(String scrape) throws Exception {
        Path file = Files.writeString(dir.resolve("scrape.txt"), scrape);
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        // promtool's lint also judges Spring Boot's JVM metrics; ours must have no finding at all
        assertThat(out.lines().filter(l -> l.contains("modelgate_")).toList()).as(out).isEmpty();
        assertThat(out).as("promtool could not parse the scrape").doesNotContain("error while linting");
        if (out.isBlank()) {
            assertThat(rc).isZero();
        }
    }

    private static void docsMatch(String scrape) throws Exception {
        String doc = Files.readString(Path.of("../docs/metrics.md"));
        Set<String> documented = new TreeSet<>();
        Matcher d = DOCUMENTED.matcher(doc);
        while (d.find()) {
            documented.add(d.group(1));
        }
        Set<String> exposed = new TreeSet<>();
        Matcher m = FAMILY.matcher(scrape);
        while (m.find()) {
            exposed.add(m.group(1).replaceAll("_(bucket|count|sum|max)$", "")
                    .replaceAll("_seconds_max$", "_seconds"));
        }
        assertThat(documented).as("every exposed modelgate_ metric is in docs/metrics.md").containsAll(exposed);
        Set<String> request = new TreeSet<>(documented);
        request.removeIf(n -> !n.matches("modelgate_(entrypoint|router|service|open|config)_.*")
                || n.equals("modelgate_service_retries_total") || n.startsWith("modelgate_config_problems")
                || n.equals("modelgate_config_generation"));
        assertThat(exposed).as("every documented request metric is exposed").containsAll(request);
    }
}
