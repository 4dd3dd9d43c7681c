package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Docker socket gone and back: the gateway keeps serving its last good Docker configuration, lists the
 * outage as a problem, and resyncs when the socket returns. Also: the gateway starts without a socket.
 */
class DockerOutageIT {

    @TempDir
    Path dir;

    @Test
    void lastGoodConfigurationServesWhileDockerIsGoneAndResyncsWhenBack() throws Exception {
        try (DockerLab lab = new DockerLab(); SocketRelay relay = new SocketRelay(Path.of("/var/run/docker.sock"))) {
            String image = lab.buildModelImage("1");
            relay.start();
            try (GatewayInstance gw = new GatewayInstance(dir, "http: {}\n", "--modelgate.providers.docker.enabled=true",
                    "--modelgate.providers.docker.endpoint=tcp://127.0.0.1:" + relay.port())) {
                String before = "before-" + lab.run();
                run(lab, image, "before", Map.of("modelgate.model", before));
                await().atMost(Duration.ofSeconds(10)).until(() -> status(gw, "/api/v1/" + before) == 200);

                relay.stop();
                await().atMost(Duration.ofSeconds(10)).until(() -> problems(gw).contains("Docker API unreachable"));
                assertThat(status(gw, "/api/v1/" + before)).as("last good configuration keeps serving").isEqualTo(200);

                String after = "after-" + lab.run();
                run(lab, image, "after", Map.of("modelgate.model", after));
                assertThat(status(gw, "/api/v1/" + after)).as("not seen while Docker is gone").isEqualTo(404);

                relay.start();
                await().atMost(Duration.ofSeconds(40)).until(() -> status(gw, "/api/v1/" + after) == 200);
                assertThat(problems(gw)).doesNotContain("Docker API unreachable");
                assertThat(status(gw, "/api/v1/" + before)).isEqualTo(200);
            }
        }
    }

    @Test
    void gatewayStartsWithoutADockerSocketAndServesFileRoutes() throws Exception {
        try (var backend = new io.modelgate.gateway.testsupport.TestBackend("file");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers: { f: { rule: "PathPrefix(`/f`)", service: f } }
                       services: { f: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                     """.formatted(backend.url()),
                     "--modelgate.providers.docker.enabled=true",
                     "--modelgate.providers.docker.endpoint=unix://" + dir.resolve("no-such.sock"))) {
            assertThat(status(gw, "/f")).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> problems(gw).contains("Docker API unreachable"));
        }
    }

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
