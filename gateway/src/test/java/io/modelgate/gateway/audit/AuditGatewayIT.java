package io.modelgate.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.JarProcess;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as its users run it ({@code java -jar}) with the audit trail on, real traffic through it, then
 * {@code java -jar modelgate-gateway.jar audit verify} as its own process: OK on the real file, exit 1 naming
 * the line once a line is edited. And a key that is too short stops the start with one line, no stack trace.
 */
class AuditGatewayIT {

    private static final String JAR = "gateway/target/modelgate-gateway.jar";

    @TempDir
    Path dir;

    private final TestBackend backend = new TestBackend("model");
    private JarProcess gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        backend.close();
    }

    @Test
    void realTrafficMakesAFileThatVerifiesAndAnEditedLineIsNamed() throws Exception {
        Path key = dir.resolve("audit.key");
        Files.writeString(key, "an-audit-key-of-more-than-32-bytes-for-the-test\n");
        Path audit = dir.resolve("audit/audit.log");
        Path routes = dir.resolve("routes.yml");
        Files.writeString(routes, """
                http:
                  routers:
                    m: { rule: "PathPrefix(`/api/v1/m`)", service: m }
                    slow: { rule: "PathPrefix(`/slow`)", service: m }
                  services: { m: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                """.formatted(backend.url()));
        int web = FreePorts.next();
        gateway = new JarProcess(JAR, dir, "modelgate.admin.port", List.of("-Xmx128m"), List.of(
                "--modelgate.providers.file.path=" + routes, "--modelgate.entrypoints.web.address=127.0.0.1",
                "--modelgate.entrypoints.web.port=" + web, "--modelgate.access-log.path=" + dir.resolve("access.log"),
                "--modelgate.audit.enabled=true", "--modelgate.audit.file=" + audit,
                "--modelgate.audit.key-file=" + key, "--modelgate.audit.checkpoint-records=5"), Map.of());
        for (int i = 0; i < 11; i++) {
            assertThat(RawHttp.exchange(web, "GET /api/v1/m/predict?n=" + i + " HTTP/1.1\r\nHost: api.example\r\n"
                    + "Connection: close\r\n\r\n").status()).isEqualTo(200);
        }
        assertThat(RawHttp.exchange(web, "GET /api/v1/m/predict?api_key=s3cret HTTP/1.1\r\nHost: api.example\r\n"
                + "Connection: close\r\n\r\n").status()).isEqualTo(200);
        assertThat(RawHttp.exchange(web, "GET /nowhere HTTP/1.1\r\nHost: api.example\r\nConnection: close\r\n\r\n")
                .status()).isEqualTo(404);
        // a request still in flight when the gateway is told to stop is answered, and its record still gets in
        // before the final checkpoint (the audit trail is closed after the entry points have drained)
        int seen = backend.requests();
        CompletableFuture<HttpResponse<String>> slow = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + web + "/slow?ms=3000")).build(), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> backend.requests() > seen);
        gateway.terminate();
        assertThat(slow.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(gateway.awaitExit(Duration.ofSeconds(30))).isNotEqualTo(-1);

        List<String> lines = Files.readAllLines(audit);
        assertThat(String.join("\n", lines)).contains("api_key=REDACTED").doesNotContain("s3cret")
                .contains("\"router\":\"m@file\"").contains("\"status\":404");
        assertThat(lines.getLast()).contains("\"type\":\"checkpoint\"").contains("\"reason\":\"stop\"");
        assertThat(lines.get(lines.size() - 2)).contains("\"path\":\"/slow?ms=3000\"");

        // gateway settings before and after the command, as an image's ENTRYPOINT and a user's flags would give them
        Result ok = run("--modelgate.admin.port=1", "audit", "verify", audit.toString(), "--key-file", key.toString(),
                "--modelgate.audit.enabled=true");
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("OK: 14 records in " + lines.size() + " lines, 1 file")
                .contains("signatures checked").doesNotContain("Started").doesNotContain("Netty");

        int edited = indexOf(lines, "n=7");
        lines.set(edited, lines.get(edited).replace("\"status\":200", "\"status\":500"));
        Files.write(audit, lines);
        Result bad = run("audit", "verify", audit.toString());
        assertThat(bad.code()).as(bad.out()).isEqualTo(1);
        assertThat(bad.out()).contains("FAILED: " + audit + ":" + (edited + 1) + " (seq " + (edited + 1)
                + ") was changed: its hash does not match its content");
    }

    @Test
    void aKeyTooShortStopsTheStartWithOneLineAndNoStackTrace() throws Exception {
        Path key = dir.resolve("short.key");
        Files.writeString(key, "short\n");
        Result r = run("--modelgate.admin.port=" + FreePorts.next(), "--modelgate.entrypoints.web.port=" + FreePorts.next(),
                "--modelgate.entrypoints.web.address=127.0.0.1", "--modelgate.audit.enabled=true",
                "--modelgate.audit.file=" + dir.resolve("audit.log"), "--modelgate.audit.key-file=" + key);
        assertThat(r.code()).isNotZero();
        assertThat(r.out()).contains("modelgate.audit.key-file: key file " + key + " is too short: the key has 5 bytes, "
                + "at least 32 are needed").doesNotContain("\tat ").doesNotContain("Caused by");
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError(text + " not in the audit file");
    }

    private record Result(int code, String out) {
    }

    /** {@code java -jar modelgate-gateway.jar ARGS} to its end. */
    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-jar", Path.of("..").resolve(JAR).toAbsolutePath().normalize().toString()));
        command.addAll(List.of(args));
        Path out = dir.resolve("run-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("still running after 60 s: " + Files.readString(out));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
