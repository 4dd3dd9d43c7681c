package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Active health checks on real containers: two replicas with a Watchful-style {@code /ruok} probe set by
 * labels (interval 1s, timeout 500ms); one replica's probe is switched off in the container (Docker still
 * sees it healthy, so only the gateway's check can take it out), it stops getting requests within
 * interval + timeout, and gets them again once its probe passes.
 */
class HealthCheckDockerIT {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration TIMEOUT = Duration.ofMillis(500);
    // the check itself takes up to interval + timeout; the slack covers one poll of the test and scheduling
    static final Duration SLACK = Duration.ofMillis(700);

    @TempDir
    static Path dir;
    static DockerLab lab;
    static GatewayInstance gw;
    static final List<String> ids = new ArrayList<>();
    static final Map<String, String> ipByInstance = new HashMap<>();
    static String service;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        lab = new DockerLab();
        String image = lab.buildModelImage("1");
        service = "hc-" + lab.run();
        String p = "traefik.http.services." + service + ".loadbalancer.";
        for (int i = 1; i <= 2; i++) {
            Map<String, String> labels = new HashMap<>(lab.label());
            labels.put("traefik.http.routers." + service + ".rule", "PathPrefix(`/" + service + "`)");
            labels.put("traefik.http.routers." + service + ".service", service);
            labels.put(p + "server.port", "8000");
            labels.put(p + "healthcheck.path", "/ruok");
            labels.put(p + "healthcheck.interval", INTERVAL.toMillis() + "ms");
            labels.put(p + "healthcheck.timeout", TIMEOUT.toMillis() + "ms");
            String id = lab.docker().createContainerCmd(image).withName(lab.run() + "-hc" + i).withLabels(labels)
                    .withHostConfig(HostConfig.newHostConfig()).exec().getId();
            lab.docker().startContainerCmd(id).exec();
            ids.add(id);
            String ip = lab.docker().inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get("bridge")
                    .getIpAddress();
            ipByInstance.put(id.substring(0, 12), ip);
        }
        gw = new GatewayInstance(dir, "http: {}\n", "--modelgate.providers.docker.enabled=true");
        await().atMost(Duration.ofSeconds(60)).until(() -> instancesSeen(20).size() == 2);
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
        lab.close();
    }

    static Set<String> instancesSeen(int requests) throws IOException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            RawHttp.Response r = RawHttp.exchange(gw.port(), "GET /" + service + "/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            if (r.status() == 200) {
                seen.add(r.header("X-Instance"));
            }
        }
        return seen;
    }

    static void probe(String instance, String state) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create("http://" + ipByInstance.get(instance) + ":8000/ruok?" + state))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo("up".equals(state) ? 200 : 503);
    }

    @Test
    void aServerFailingItsCheckStopsGettingRequestsWithinIntervalPlusTimeoutAndComesBack() throws Exception {
        String sick = ids.getFirst().substring(0, 12);
        String healthy = ids.get(1).substring(0, 12);

        long switched = System.nanoTime();
        probe(sick, "down");
        await().atMost(INTERVAL.plus(TIMEOUT).plus(SLACK)).pollInterval(Duration.ofMillis(50))
                .until(() -> serverStatus(sick).equals("down"));
        Duration took = Duration.ofNanos(System.nanoTime() - switched);
        assertThat(took).as("taken out within interval + timeout").isLessThanOrEqualTo(INTERVAL.plus(TIMEOUT).plus(SLACK));
        for (int i = 0; i < 3; i++) {
            assertThat(instancesSeen(10)).as("only the healthy replica serves").containsExactly(healthy);
        }

        probe(sick, "up");
        await().atMost(INTERVAL.plus(TIMEOUT).plus(SLACK)).pollInterval(Duration.ofMillis(50))
                .until(() -> serverStatus(sick).equals("up"));
        assertThat(instancesSeen(10)).as("back in rotation").containsExactlyInAnyOrder(sick, healthy);
    }

    /** The server's state as the admin API shows it ({@code up}, {@code down}, …). */
    static String serverStatus(String instance) throws Exception {
        var status = gw.admin("/api/http/services/" + service + "@docker").path("serverStates");
        return status.path("http://" + ipByInstance.get(instance) + ":8000").path("state").asText("missing");
    }
}
