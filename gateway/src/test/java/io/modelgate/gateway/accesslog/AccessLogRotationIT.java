package io.modelgate.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.JarProcess;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What logrotate does with {@code postrotate kill -USR1}: the file is renamed, the real gateway process (the jar,
 * as operators run it) gets {@code SIGUSR1} from {@code kill}, and later lines go to a new file of the old name
 * while the renamed file keeps the earlier ones. The process also survives the signal (USR1's default action
 * would end it).
 */
class AccessLogRotationIT {

    private static final String JAR = "gateway/target/modelgate-gateway.jar";

    @TempDir
    Path dir;

    @Test
    void sigusr1ReopensTheRenamedFile() throws Exception {
        Path log = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        int web = FreePorts.next();
        try (TestBackend backend = new TestBackend("model")) {
            Path routes = Files.writeString(dir.resolve("routes.yml"), """
                    http:
                      routers: { r: { rule: "PathPrefix(`/`)", service: s } }
                      services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                    """.formatted(backend.url()));
            try (JarProcess gw = new JarProcess(JAR, dir, "modelgate.admin.port", List.of("-Xmx256m"), List.of(
                    "--modelgate.entrypoints.web.port=" + web, "--modelgate.entrypoints.web.address=127.0.0.1",
                    "--modelgate.admin.address=127.0.0.1", "--modelgate.providers.file.path=" + routes,
                    "--modelgate.providers.docker.enabled=false", "--modelgate.demo.enabled=false",
                    "--modelgate.access-log.path=" + log), Map.of())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> get(web, "/before") == 200);
                await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(log).contains("/before"));

                Files.move(log, rotated);
                assertThat(get(web, "/still-old")).isEqualTo(200);
                await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(rotated).contains("/still-old"));

                Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(gw.pid())).inheritIO().start();
                assertThat(kill.waitFor()).isZero();
                // the reopen happens on the writer thread within its next poll: ask until a line lands in the new file
                await().atMost(Duration.ofSeconds(10)).until(() -> get(web, "/after") == 200 && Files.exists(log)
                        && Files.readString(log).contains("/after"));
                assertThat(gw.isAlive()).isTrue();
                assertThat(gw.log()).contains("access log reopened: " + log);
            }
        }
        assertThat(Files.readString(rotated)).contains("/before", "/still-old").doesNotContain("/after");
        assertThat(Files.readString(log)).doesNotContain("/before", "/still-old");
    }

    private static int get(int port, String path) throws IOException {
        return RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status();
    }
}
