package io.modelgate.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.gateway.accesslog.AccessLogFields.Mode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Fields kept, dropped or redacted, and request headers captured, as the encoder writes them. */
class AccessLogFieldsTest {

    private static final List<Map.Entry<String, String>> HEADERS = List.of(Map.entry("host", "api"),
            Map.entry("x-tenant", "acme"), Map.entry("Authorization", "Bearer secret"), Map.entry("cookie", "s=1"),
            Map.entry("User-Agent", "curl/8"));

    private static JsonNode line(AccessLogFields fields, List<String> headers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonLineEncoder(List.of(), fields).encode(new AccessLogRecord(0L, "web", "10.0.0.1", "GET", "api", "/p",
                "HTTP/1.1", 200, 200, 1, 1, 0, 2, "r@file", "s@file", "http://10.0.0.2", "id-1", "alice", "tok_1",
                List.of("auth@file"), "curl/8", 0, headers), out);
        return JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void byDefaultEveryFieldAndNoHeader() {
        assertThat(AccessLogFields.ALL.capturesHeaders()).isFalse();
        assertThat(AccessLogFields.ALL.capture(HEADERS)).isEmpty();
        JsonNode n = line(AccessLogFields.ALL, List.of());
        assertThat(n.propertyNames()).containsExactlyElementsOf(
                java.util.Arrays.stream(AccessLogFields.Field.values()).map(f -> f.json).toList());
    }

    @Test
    void namedFieldsAreDroppedOrRedactedWhateverTheirType() {
        AccessLogFields f = new AccessLogFields(Mode.KEEP, Map.of("CLIENTIP", Mode.DROP, "user", Mode.REDACT,
                "status", Mode.REDACT, "middlewares", Mode.REDACT, "durationMs", Mode.DROP), Mode.DROP, Map.of());
        JsonNode n = line(f, List.of());
        assertThat(n.has("clientIp")).isFalse();
        assertThat(n.has("durationMs")).isFalse();
        assertThat(n.get("user").asString()).isEqualTo("REDACTED");
        assertThat(n.get("status").asString()).isEqualTo("REDACTED");
        assertThat(n.get("middlewares").asString()).isEqualTo("REDACTED");
        assertThat(n.get("router").asString()).isEqualTo("r@file");
    }

    @Test
    void defaultDropKeepsOnlyTheNamedFields() {
        AccessLogFields f = new AccessLogFields(Mode.DROP, Map.of("time", Mode.KEEP, "user", Mode.KEEP), Mode.DROP, Map.of());
        assertThat(line(f, List.of()).propertyNames()).containsExactly("time", "user");
    }

    @Test
    void namedHeadersAreCapturedInCanonicalFormAndRedactedAtCapture() {
        AccessLogFields f = new AccessLogFields(Mode.KEEP, Map.of(), Mode.DROP,
                Map.of("X-Tenant", Mode.KEEP, "authorization", Mode.REDACT, "x-absent", Mode.KEEP));
        assertThat(f.capturesHeaders()).isTrue();
        List<String> captured = f.capture(HEADERS);
        assertThat(captured).containsExactly("X-Tenant", "acme", "Authorization", "REDACTED");
        JsonNode n = line(f, captured);
        assertThat(n.get("request_X-Tenant").asString()).isEqualTo("acme");
        assertThat(n.get("request_Authorization").asString()).isEqualTo("REDACTED");
        assertThat(n.toString()).doesNotContain("secret");
    }

    @Test
    void keepAllHeadersStillRedactsCredentialsUnlessNamedKeep() {
        AccessLogFields f = new AccessLogFields(Mode.KEEP, Map.of(), Mode.KEEP, Map.of("Host", Mode.DROP));
        assertThat(f.capture(HEADERS)).containsExactly("X-Tenant", "acme", "Authorization", "REDACTED",
                "Cookie", "REDACTED", "User-Agent", "curl/8");
        AccessLogFields named = new AccessLogFields(Mode.KEEP, Map.of(), Mode.KEEP, Map.of("cookie", Mode.KEEP));
        assertThat(named.capture(HEADERS)).contains("Cookie", "s=1");
    }

    @Test
    void onlyDropNamesCaptureNothing() {
        assertThat(new AccessLogFields(Mode.KEEP, Map.of(), Mode.DROP, Map.of("x-tenant", Mode.DROP)).capturesHeaders()).isFalse();
    }

    @Test
    void anUnknownFieldOrModeIsOneLineNamingTheSetting() {
        assertThatThrownBy(() -> new AccessLogFields(Mode.KEEP, Map.of("clientHost", Mode.DROP), Mode.DROP, Map.of()))
                .hasMessageStartingWith("modelgate.access-log.fields.names.clientHost: no such field (the fields are [time, ");
        assertThatThrownBy(() -> Mode.parse("hide", "modelgate.access-log.fields.default-mode"))
                .hasMessage("modelgate.access-log.fields.default-mode: 'hide' is not keep, drop or redact");
        assertThat(Mode.parse(" Redact ", "x")).isEqualTo(Mode.REDACT);
    }

    @Test
    void canonicalHeaderNames() {
        assertThat(AccessLogFields.canonical("x-request-id")).isEqualTo("X-Request-Id");
        assertThat(AccessLogFields.canonical("te")).isEqualTo("Te");
    }
}
