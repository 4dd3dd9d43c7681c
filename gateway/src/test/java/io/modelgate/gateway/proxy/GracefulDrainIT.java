package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.JarProcess;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as its users run it ({@code java -jar}, its own process) gets SIGTERM while a slow request is in
 * progress: the request is answered with 200, an idle keep-alive connection is closed, new connections are
 * refused, and the process exits once the last response is out.
 */
class GracefulDrainIT {

    private final TestBackend backend = new TestBackend("slow");
    private JarProcess gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        backend.close();
    }

    @Test
    void sigtermDuringASlowRequestCompletesItWith200AndClosesIdleConnections(@TempDir Path dir) throws Exception {
        Path routes = dir.resolve("routes.yml");
        Files.writeString(routes, """
                http:
                  routers: { r: { rule: "PathPrefix(`/`)", service: s } }
                  services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                """.formatted(backend.url()));
        int webPort = FreePorts.next();
        gateway = new JarProcess("gateway/target/modelgate-gateway.jar", dir, "modelgate.admin.port", List.of("-Xmx128m"),
                List.of("--modelgate.providers.file.path=" + routes, "--modelgate.entrypoints.web.address=127.0.0.1",
                        "--modelgate.entrypoints.web.port=" + webPort, "--modelgate.shutdown.grace=20s"), Map.of());

        try (RawHttp idle = new RawHttp(webPort)) {
            idle.send("GET /warm HTTP/1.1\r\nHost: a\r\n\r\n");
            assertThat(idle.read().status()).isEqualTo(200);

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/slow?ms=4000")).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests() >= 2);

            gateway.terminate();

            assertThat(idle.isClosedByPeer()).as("an idle keep-alive connection is closed at once").isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> refuses(webPort));
            assertThat(slow.isDone()).as("still in progress while the gateway stopped accepting").isFalse();

            HttpResponse<String> answer = slow.get();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("/slow?ms=4000");
            assertThat(answer.headers().firstValue("connection")).hasValue("close");
            assertThat(gateway.awaitExit(Duration.ofSeconds(20))).as("exits after the last response").isNotEqualTo(-1);
        }
        assertThat(gateway.log()).contains("draining 2 connection(s)").doesNotContain("were closed");
    }

    private static boolean refuses(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
