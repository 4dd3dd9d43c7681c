package io.modelgate.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The access log of the real gateway says who called (basicAuth with a real htpasswd user), logs requests refused
 * before routing (400, 414, 431) and by the body limit (413), and follows Traefik's filters and fields settings.
 */
class AccessLogIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void recordsTheUserTheMiddlewaresAndRequestsRefusedBeforeRouting() throws Exception {
        Process p = new ProcessBuilder("htpasswd", "-nbB", "alice", "s3cret").redirectErrorStream(true).start();
        String entry = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).isZero();
        Path htpasswd = Files.writeString(dir.resolve("htpasswd"), entry + "\n");
        try (TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers: { r: { rule: "PathPrefix(`/`)", service: s, middlewares: [auth, hdr] } }
                       middlewares:
                         auth: { basicAuth: { usersFile: "%s" } }
                         hdr: { headers: { customRequestHeaders: { X-Seen: "1" } } }
                       services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                     """.formatted(htpasswd, backend.url()), "--modelgate.max-request-body-bytes=1000")) {
            String basic = Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
            assertThat(RawHttp.exchange(gw.port(), "GET /ok HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " + basic
                    + "\r\nUser-Agent: auditor-test/1\r\nConnection: close\r\n\r\n").status()).isEqualTo(200);
            assertThat(RawHttp.exchange(gw.port(), "GET /denied HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .status()).isEqualTo(401);
            String huge = "X-Big: " + "a".repeat(70_000) + "\r\n";
            assertThat(RawHttp.exchange(gw.port(), "GET /big HTTP/1.1\r\nHost: x\r\n" + huge + "\r\n").status())
                    .isEqualTo(431);

            assertThat(RawHttp.exchange(gw.port(), "GET / HTTP/1.10\r\nHost: x\r\n\r\n").status()).isEqualTo(400);
            assertThat(RawHttp.exchange(gw.port(), "GET /" + "u".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n").status())
                    .isEqualTo(414);
            assertThat(RawHttp.exchange(gw.port(), "POST /up HTTP/1.1\r\nHost: x\r\nAuthorization: Basic " + basic
                    + "\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n").status()).isEqualTo(413);

            List<JsonNode> lines = await().atMost(Duration.ofSeconds(5)).until(() -> read(gw.accessLog()), l -> l.size() >= 6);
            JsonNode ok = find(lines, 200);
            assertThat(ok.get("user").asString()).isEqualTo("alice");
            assertThat(ok.get("entryPoint").asString()).isEqualTo("web");
            assertThat(ok.get("userAgent").asString()).isEqualTo("auditor-test/1");
            assertThat(ok.get("retryAttempts").asInt()).isZero();
            assertThat(ok.get("middlewares").toString()).isEqualTo("[\"auth@file\",\"hdr@file\"]");

            JsonNode denied = find(lines, 401);
            assertThat(denied.get("user").isNull()).isTrue();
            assertThat(denied.get("middlewares").toString()).as("the one that answered is the last").isEqualTo("[\"auth@file\"]");

            JsonNode refused = find(lines, 431);
            assertThat(refused.get("entryPoint").asString()).isEqualTo("web");
            assertThat(refused.get("router").isNull()).isTrue();
            assertThat(refused.get("method").asString()).isEqualTo("-");
            for (int status : new int[] {400, 414}) {
                JsonNode line = find(lines, status);
                assertThat(line.get("router").isNull()).as("%d is refused before routing", status).isTrue();
                assertThat(line.get("entryPoint").asString()).isEqualTo("web");
                assertThat(line.get("clientIp").asString()).isEqualTo("127.0.0.1");
            }
            JsonNode tooLarge = find(lines, 413);
            assertThat(tooLarge.get("originStatus").asInt()).as("no server was asked").isZero();
            assertThat(tooLarge.get("user").asString()).isEqualTo("alice");
        }
    }

    /** Traefik's filters and fields: only 4xx and slow requests get a line, the user redacted, one header kept. */
    @Test
    void filtersAndFieldsShapeTheLines() throws Exception {
        try (TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers: { r: { rule: "PathPrefix(`/`)", service: s } }
                       services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                     """.formatted(backend.url()),
                     "--modelgate.access-log.filters.status-codes=400-499",
                     "--modelgate.access-log.fields.names.clientIp=drop",
                     "--modelgate.access-log.fields.names.userAgent=redact",
                     "--modelgate.access-log.fields.headers.names.X-Tenant=keep",
                     "--modelgate.access-log.fields.headers.names.Authorization=redact")) {
            for (int i = 0; i < 20; i++) {
                assertThat(RawHttp.exchange(gw.port(), "GET /ok-" + i + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                        .status()).isEqualTo(200);
            }
            assertThat(RawHttp.exchange(gw.port(), "GET /twice HTTP/1.1\r\nHost: a\r\nHost: b\r\nX-Tenant: acme\r\n"
                    + "Authorization: Bearer s3cret\r\nUser-Agent: ua/1\r\nX-Other: no\r\n\r\n").status()).isEqualTo(400);

            // one queue, in order: once the 400's line is there, the 200s before it would be too
            List<JsonNode> lines = await().atMost(Duration.ofSeconds(5)).until(() -> read(gw.accessLog()), l -> !l.isEmpty());
            assertThat(lines).hasSize(1);
            JsonNode bad = lines.getFirst();
            assertThat(bad.get("status").asInt()).isEqualTo(400);
            assertThat(bad.has("clientIp")).isFalse();
            assertThat(bad.get("userAgent").asString()).isEqualTo("REDACTED");
            assertThat(bad.get("request_X-Tenant").asString()).isEqualTo("acme");
            assertThat(bad.get("request_Authorization").asString()).isEqualTo("REDACTED");
            assertThat(bad.has("request_X-Other")).isFalse();
            assertThat(Files.readString(gw.accessLog())).doesNotContain("s3cret", "/ok-");
            assertThat(gw.adminText("/metrics")).contains("modelgate_access_log_dropped_total 0.0");
        }
    }

    private static List<JsonNode> read(Path log) throws Exception {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> !l.isBlank()).map(JSON::readTree).toList()
                : List.of();
    }

    private static JsonNode find(List<JsonNode> lines, int status) {
        return lines.stream().filter(n -> n.get("status").asInt() == status).findFirst().orElseThrow(
                () -> new AssertionError("no line with status " + status + " in " + lines));
    }
}
