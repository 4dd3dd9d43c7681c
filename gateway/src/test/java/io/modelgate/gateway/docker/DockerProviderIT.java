package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Docker provider against the real engine: the gateway runs in this JVM on the host and reaches
 * containers at their bridge addresses; containers are started, scaled and stopped with the Docker API.
 */
class DockerProviderIT {

    @TempDir
    static Path dir;
    static DockerLab lab;
    static String image;
    static GatewayInstance gw;

    @BeforeAll
    static void start() throws IOException {
        lab = new DockerLab();
        image = lab.buildModelImage("1");
        gw = new GatewayInstance(dir, "http: {}\n", "--modelgate.providers.docker.enabled=true");
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
        lab.close();
    }

    /** {@code docker run -d --label …}: returns the container id once started. */
    static String run(String name, Map<String, String> labels) {
        return run(name, labels, null);
    }

    static String run(String name, Map<String, String> labels, HealthCheck health) {
        Map<String, String> all = new HashMap<>(labels);
        all.putAll(lab.label());
        var cmd = lab.docker().createContainerCmd(image).withName(lab.run() + "-" + name).withLabels(all)
                .withEnv("MODEL_NAME=" + name).withHostConfig(HostConfig.newHostConfig());
        if (health != null) {
            cmd.withHealthcheck(health);
        }
        String id = cmd.exec().getId();
        lab.docker().startContainerCmd(id).exec();
        return id;
    }

    static RawHttp.Response get(String host, String path) throws IOException {
        return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n"
                + "Connection: close\r\n\r\n");
    }

    static int status(String host, String path) {
        try {
            return get(host, path).status();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void labeledContainerBecomesRoutableAndGoesAwayOnStop() throws IOException {
        String id = run("basic", Map.of("traefik.http.routers." + lab.run() + "-basic.rule", "PathPrefix(`/basic-" + lab.run() + "`)"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status("x", "/basic-" + lab.run() + "/predict") == 200);
        RawHttp.Response r = get("x", "/basic-" + lab.run() + "/predict");
        assertThat(r.bodyText()).contains("\"model\":\"basic\"").contains("\"path\":\"/basic-" + lab.run() + "/predict\"");

        lab.docker().stopContainerCmd(id).withTimeout(2).exec();
        await().atMost(Duration.ofSeconds(10)).until(() -> status("x", "/basic-" + lab.run() + "/predict") == 404);
    }

    @Test
    void unlabeledContainersAreNeverExposed() throws Exception {
        run("database", Map.of());
        String name = lab.run() + "-database";
        long generation = gw.generation();
        run("trigger", Map.of("traefik.http.routers." + lab.run() + "-trigger.rule", "PathPrefix(`/trigger-" + lab.run() + "`)"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status("x", "/trigger-" + lab.run()) == 200);
        assertThat(gw.generation()).isGreaterThan(generation);
        assertThat(gw.admin("/api/rawdata").get("routers").propertyNames()).noneMatch(n -> n.contains(name));
    }

    @Test
    void replicasAreBalancedRoundRobin() throws IOException {
        String model = "rr-" + lab.run();
        run("rr1", Map.of("modelgate.model", model));
        await().atMost(Duration.ofSeconds(10)).until(() -> status("x", "/api/v1/" + model + "/p") == 200);
        run("rr2", Map.of("modelgate.model", model));
        run("rr3", Map.of("modelgate.model", model));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode svc = gw.admin("/api/http/services/model-" + model + "@docker");
            return svc.path("loadBalancer").path("servers").size() == 3;
        });
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) {
            counts.merge(get("x", "/api/v1/" + model + "/p").header("X-Instance"), 1, Integer::sum);
        }
        assertThat(counts).hasSize(3).allSatisfy((instance, n) -> assertThat(n).isEqualTo(10));
    }

    @Test
    void healthCheckedContainerGetsTrafficOnlyOnceHealthy() throws Exception {
        String model = "hc-" + lab.run();
        String id = run("hc", Map.of("modelgate.model", model), new HealthCheck()
                .withTest(List.of("CMD-SHELL", "test -f /tmp/ready"))
                .withInterval(Duration.ofMillis(300).toNanos()).withStartPeriod(0L).withRetries(1000));
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.admin("/api/rawdata").get("routers").has("model-" + model + "@docker"));
        assertThat(status("x", "/api/v1/" + model)).as("starting: no server yet").isEqualTo(503);
        var exec = lab.docker().execCreateCmd(id).withCmd("touch", "/tmp/ready").exec();
        lab.docker().execStartCmd(exec.getId()).start().awaitCompletion();
        await().atMost(Duration.ofSeconds(10)).until(() -> status("x", "/api/v1/" + model) == 200);
    }

    @Test
    void seedStyleTraefikLabelsRouteUnchanged() throws IOException {
        String router = "en_core_web_sm_" + lab.run().replace('-', '_');
        run("spacy", Map.of("traefik.http.routers." + router + ".rule",
                "Host(`api.localhost`) && PathPrefix(`/en_core_web_sm`)"));
        await().atMost(Duration.ofSeconds(10)).until(() -> status("api.localhost", "/en_core_web_sm/parse") == 200);
        assertThat(get("api.localhost", "/en_core_web_sm/parse").bodyText()).contains("\"model\":\"spacy\"");
        assertThat(status("other.localhost", "/en_core_web_sm/parse")).isEqualTo(404);
    }

    @Test
    void typoedLabelIsListedInProblems() throws Exception {
        String router = "typo-" + lab.run();
        run("typo", Map.of("traefik.http.routers." + router + ".rulle", "PathPrefix(`/typo`)"));
        String container = lab.run() + "-typo";
        await().atMost(Duration.ofSeconds(10)).until(() -> gw.admin("/api/problems").valueStream()
                .anyMatch(p -> p.get("origin").asString().contains(container)
                        && p.get("origin").asString().contains("traefik.http.routers." + router + ".rulle")
                        && p.get("message").asString().contains("unknown key 'rulle'")));
    }
}
