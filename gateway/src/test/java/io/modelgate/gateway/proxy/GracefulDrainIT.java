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
 * progress: new connections are refused, the request is answered with 200, a request sent afterwards on a
 * kept-alive connection is answered with {@code Connection: close}, a connection that stays idle is closed
 * after the idle grace, and the process exits once the last connection is closed.
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
    void sigtermDuringASlowRequestCompletesItWith200AndAnswersTheNextRequestOnAnIdleConnection(@TempDir Path dir)
            throws Exception {
        Path routes = dir.resolve("routes.yml");
        Files.writeString(routes, """
                http:
                  routers: { r: { rule: "PathPrefix(`/`)", service: s } }
                  services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                """.formatted(backend.url()));
        int webPort = FreePorts.next();
        // an idle grace well above what the test needs between SIGTERM and its request on the idle connection
        gateway = new JarProcess("gateway/target/modelgate-gateway.jar", dir, "modelgate.admin.port", List.of("-Xmx128m"),
                List.of("--modelgate.providers.file.path=" + routes, "--modelgate.entrypoints.web.address=127.0.0.1",
                        "--modelgate.entrypoints.web.port=" + webPort, "--modelgate.shutdown.grace=20s",
                        "--modelgate.shutdown.idle-grace=8s"), Map.of());

        try (RawHttp reused = new RawHttp(webPort); RawHttp quiet = new RawHttp(webPort)) {
            for (RawHttp idle : List.of(reused, quiet)) {
                idle.send("GET /warm HTTP/1.1\r\nHost: a\r\n\r\n");
                assertThat(idle.read().status()).isEqualTo(200);
            }

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/slow?ms=4000")).build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests() >= 3);

            gateway.terminate();

            await().atMost(Duration.ofSeconds(10)).until(() -> refuses(webPort));
            assertThat(slow.isDone()).as("still in progress while the gateway stopped accepting").isFalse();
            // the client of a kept-alive connection cannot know the gateway stops: its next request is answered
            reused.send("GET /after-sigterm HTTP/1.1\r\nHost: a\r\n\r\n");
            RawHttp.Response late = reused.read();
            assertThat(late.status()).isEqualTo(200);
            assertThat(late.header("connection")).isEqualTo("close");
            assertThat(reused.isClosedByPeer()).as("closed after that answer").isTrue();

            HttpResponse<String> answer = slow.get();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("/slow?ms=4000");
            assertThat(answer.headers().firstValue("connection")).hasValue("close");
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(quiet::isClosedByPeer);
            assertThat(gateway.awaitExit(Duration.ofSeconds(20))).as("exits after the last connection closed").isNotEqualTo(-1);
        }
        assertThat(gateway.log()).contains("draining 3 connection(s)").doesNotContain("were closed");
        assertThat(backend.requests()).as("warm-ups, the slow one and the one after SIGTERM").isEqualTo(4);
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
