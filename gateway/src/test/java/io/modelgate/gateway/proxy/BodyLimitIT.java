package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Body limits that hold for declared and for streamed (chunked) bodies, with 20 MB bodies. */
class BodyLimitIT {

    static final int LIMIT = 20_000_000;

    @TempDir
    static Path dir;
    static TestBackend backend;
    static GatewayInstance gw;

    @BeforeAll
    static void start() throws IOException {
        backend = new TestBackend("a");
        gw = new GatewayInstance(dir, """
                http:
                  routers:
                    upload: { rule: "PathPrefix(`/upload`)", service: s, middlewares: [limit] }
                    small:  { rule: "PathPrefix(`/small`)", service: s }
                    answer: { rule: "PathPrefix(`/answer`)", service: s, middlewares: [tinyResponses] }
                  middlewares:
                    limit: { buffering: { maxRequestBodyBytes: %d } }
                    tinyResponses: { buffering: { maxResponseBodyBytes: 100 } }
                  services:
                    s: { loadBalancer: { servers: [ { url: "%s" } ] } }
                """.formatted(LIMIT, backend.url()), "--modelgate.max-request-body-bytes=1000");
    }

    @AfterAll
    static void stop() {
        gw.close();
        backend.close();
    }

    static byte[] body(int size) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) 'x');
        b[size - 1] = 'z';
        return b;
    }

    static RawHttp.Response postWithLength(String path, byte[] body) throws IOException {
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length + "\r\n\r\n");
            try {
                http.send(body);
            } catch (IOException closedEarly) {
                // the gateway may answer and close before the whole body is written: that is the point
            }
            return http.read();
        }
    }

    static RawHttp.Response postChunked(String path, byte[] body) throws IOException {
        try (RawHttp http = new RawHttp(gw.port())) {
            http.send("POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
            try {
                for (int off = 0; off < body.length; off += 1 << 20) {
                    int n = Math.min(1 << 20, body.length - off);
                    http.send((Integer.toHexString(n) + "\r\n").getBytes());
                    http.send(Arrays.copyOfRange(body, off, off + n));
                    http.send("\r\n".getBytes());
                }
                http.send("0\r\n\r\n".getBytes());
            } catch (IOException closedEarly) {
                // cut off at the limit
            }
            return http.read();
        }
    }

    @Test
    void declaredOversizeBodyIs413AndNoServerIsContacted() throws IOException {
        int before = backend.requests();
        RawHttp.Response r = postWithLength("/upload/declared", body(LIMIT + 1));
        assertThat(r.status()).isEqualTo(413);
        assertThat(backend.requests()).isEqualTo(before);
    }

    @Test
    void streamedOversizeBodyIsCutOffAndTheServerNeverGetsItWhole() throws Exception {
        RawHttp.Response r = postChunked("/upload/streamed", body(LIMIT + 1));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
        assertThat(backend.last() == null || !backend.last().uri().equals("/upload/streamed"))
                .as("the backend never completed that request").isTrue();
    }

    @Test
    void bodyJustUnderTheLimitArrivesIntact() throws Exception {
        byte[] body = body(LIMIT - 1);
        RawHttp.Response r = postChunked("/upload/ok", body);
        assertThat(r.status()).isEqualTo(200);
        JsonNode echo = JsonMapper.builder().build().readTree(r.bodyText());
        assertThat(echo.get("bodyLength").asInt()).isEqualTo(LIMIT - 1);
        assertThat(echo.get("bodySha256").asString())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
    }

    @Test
    void theGatewayDefaultAppliesWhereNoMiddlewareSetsALimit() throws IOException {
        assertThat(postWithLength("/small/x", body(1001)).status()).isEqualTo(413);
        assertThat(postWithLength("/small/x", body(1000)).status()).isEqualTo(200);
        assertThat(postChunked("/small/y", body(5000)).status()).isEqualTo(413);
    }

    @Test
    void oversizeResponsesAre502() throws IOException {
        RawHttp.Response r = RawHttp.exchange(gw.port(), "GET /answer HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.bodyText()).contains("response body too large");
    }
}
