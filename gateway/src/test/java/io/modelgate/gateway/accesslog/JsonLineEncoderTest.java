package io.modelgate.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonLineEncoderTest {

    private final JsonLineEncoder encoder = new JsonLineEncoder(List.of("api_key", "token"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/p                          | /p",
        "/p?x=1                      | /p?x=1",
        "/p?api_key=abc              | /p?api_key=REDACTED",
        "/p?a=1&API_KEY=abc&b=2      | /p?a=1&API_KEY=REDACTED&b=2",
        "/p?token=t&token=u          | /p?token=REDACTED&token=REDACTED",
        "/p?api%5Fkey=abc            | /p?api%5Fkey=REDACTED",
        "/p?tokenizer=abc            | /p?tokenizer=abc",
        "/p?token                    | /p?token",
    })
    void redactsSecretQueryValues(String uri, String expected) {
        assertThat(encoder.redact(uri)).isEqualTo(expected);
    }

    @Test
    void writesOneEscapedJsonObjectPerLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.encode(new AccessLogRecord(0L, "web", "10.0.0.1", "GET", "h\"ost", "/p?token=x\n", "HTTP/1.1", 200, 201,
                1.23456, 0.5, 10, 20, "r@file", "s@file", "http://10.0.0.2:80", "id-1", "alice", "tok_1",
                List.of("auth@file", "limit@file"), "curl/8.5", 1), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("token=x");
        assertThat(text.strip().lines()).hasSize(1);
        JsonNode n = JsonMapper.builder().build().readTree(text);
        assertThat(n.get("time").asString()).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(n.get("host").asString()).isEqualTo("h\"ost");
        assertThat(n.get("status").asInt()).isEqualTo(200);
        assertThat(n.get("originStatus").asInt()).isEqualTo(201);
        assertThat(n.get("durationMs").asDouble()).isEqualTo(1.235);
        assertThat(n.get("router").asString()).isEqualTo("r@file");
        assertThat(n.get("requestId").asString()).isEqualTo("id-1");
        assertThat(n.get("entryPoint").asString()).isEqualTo("web");
        assertThat(n.get("user").asString()).isEqualTo("alice");
        assertThat(n.get("tokenId").asString()).isEqualTo("tok_1");
        assertThat(n.get("middlewares").get(1).asString()).isEqualTo("limit@file");
        assertThat(n.get("userAgent").asString()).isEqualTo("curl/8.5");
        assertThat(n.get("retryAttempts").asInt()).isEqualTo(1);
    }

    @Test
    void aBatchIsOneLinePerRecord() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AccessLogRecord a = new AccessLogRecord(0L, "web", "10.0.0.1", "GET", "h", "/a", "HTTP/1.1", 200, 200, 1, 1, 0, 2, null, null, null,
                "id-a", null, null, null, null, 0);
        AccessLogRecord b = new AccessLogRecord(0L, "web", "10.0.0.1", "GET", "h", "/b", "HTTP/1.1", 404, 0, 1, 0, 0, 2, null, null, null,
                "id-b", null, null, null, null, 0);
        encoder.encode(List.of(a, b), out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("}\n");
        assertThat(lines).hasSize(2);
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.readTree(lines.get(0)).get("requestId").asString()).isEqualTo("id-a");
        assertThat(json.readTree(lines.get(1)).get("status").asInt()).isEqualTo(404);
        assertThat(lines.get(1)).startsWith("{");
    }
}
