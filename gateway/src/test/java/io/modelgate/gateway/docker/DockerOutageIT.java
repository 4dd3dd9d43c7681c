package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.SteadyLoad;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker socket gone and back: the gateway keeps serving its last good Docker configuration under load, lists the
 * outage as a problem, and resyncs within 5 s when the socket returns. Also: the gateway starts without a socket.
 */
class DockerOutageIT {

    @TempDir
    Path dir;

    /**
     * The daemon "restarted" under a steady load: the real engine is shared by every session on the machine, so
     * the test cuts a relay in front of its socket instead (connections reset, then connection refused, as while
     * dockerd is down). The outage lasts longer than the old 30 s-capped backoff could follow within 5 s.
     */
    @Test
    void lastGoodConfigurationServesUnderLoadWhileDockerIsGoneAndResyncsWithin5sWhenBack() throws Exception {
        try (DockerLab lab = new DockerLab(); SocketRelay relay = new SocketRelay(Path.of("/var/run/docker.sock"));
             var backend = new io.modelgate.gateway.testsupport.TestBackend("file")) {
            String image = lab.buildModelImage("1");
            relay.start();
            try (GatewayInstance gw = new GatewayInstance(dir, FILE_ROUTE.formatted(backend.url()),
                    "--modelgate.providers.docker.enabled=true",
                    "--modelgate.providers.docker.endpoint=tcp://127.0.0.1:" + relay.port())) {
                String before = "before-" + lab.run();
                run(lab, image, "before", Map.of("modelgate.model", before));
                await().atMost(Duration.ofSeconds(20)).until(() -> status(gw, "/api/v1/" + before) == 200);

                SteadyLoad load = new SteadyLoad(100, 60, 4, SteadyLoad.Target.get("docker route", gw.port(), "/api/v1/" + before),
                        SteadyLoad.Target.get("file route", gw.port(), "/f"));
                long cut = SteadyLoad.now();
                relay.stop();
                await().atMost(Duration.ofSeconds(10)).until(() -> problems(gw).contains("Docker API unreachable"));
                String after = "after-" + lab.run();
                run(lab, image, "after", Map.of("modelgate.model", after));
                // the outage itself: for 8 s the new container stays unseen while the old route serves
                await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).pollInterval(Duration.ofMillis(200))
                        .until(() -> status(gw, "/api/v1/" + after) == 404);

                long back = SteadyLoad.now();
                relay.start();
                await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> status(gw, "/api/v1/" + after) == 200);
                double resync = (SteadyLoad.now() - back) / 1e9;
                assertThat(problems(gw)).doesNotContain("Docker API unreachable");
                load.stop();

                SteadyLoad.Summary docker = load.summary("docker route");
                SteadyLoad.Summary file = load.summary("file route");
                load.report(String.format("docker outage of %.1f s, resynced %.2f s after the socket returned",
                        (back - cut) / 1e9, resync), docker, file);
                assertThat(docker.notStatus(200)).as("the last good Docker route kept serving: %s", docker).isZero();
                assertThat(file.notStatus(200)).as("file routes are untouched: %s", file).isZero();
                assertThat(docker.requests()).as("the load ran through the outage").isGreaterThan(400);
            }
        }
    }

    @Test
    void gatewayStartsWithoutADockerSocketAndServesFileRoutes() throws Exception {
        try (var backend = new io.modelgate.gateway.testsupport.TestBackend("file");
             GatewayInstance gw = new GatewayInstance(dir, FILE_ROUTE.formatted(backend.url()),
                     "--modelgate.providers.docker.enabled=true",
                     "--modelgate.providers.docker.endpoint=unix://" + dir.resolve("no-such.sock"))) {
            assertThat(status(gw, "/f")).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> problems(gw).contains("Docker API unreachable"));
        }
    }

    private static final String FILE_ROUTE = """
            http:
              routers: { f: { rule: "PathPrefix(`/f`)", service: f } }
              services: { f: { loadBalancer: { servers: [ { url: "%s" } ] } } }
            """;

    private static void run(DockerLab lab, String image, String name, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.putAll(lab.label());
        String id = lab.docker().createContainerCmd(image).withName(lab.run() + "-" + name).withLabels(all)
                .withHostConfig(HostConfig.newHostConfig()).exec().getId();
        lab.docker().startContainerCmd(id).exec();
    }

    private static int status(GatewayInstance gw, String path) {
        try {
            return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String problems(GatewayInstance gw) throws Exception {
        return gw.adminText("/api/problems");
    }
}
