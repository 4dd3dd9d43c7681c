package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** basicAuth with users made by a real htpasswd (Debian's apache2-utils), in front of a real backend. */
class BasicAuthIT {

    @TempDir
    Path dir;

    @Test
    void rightPasswordIs200AndWrongIs401WithAChallenge() throws Exception {
        Process p = new ProcessBuilder("htpasswd", "-nbB", "alice", "s3cret").redirectErrorStream(true).start();
        String entry = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).isZero();
        Path htpasswd = Files.writeString(dir.resolve("htpasswd"), entry + "\n");
        try (TestBackend backend = new TestBackend("prodigy");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers: { r: { rule: "PathPrefix(`/`)", service: s, middlewares: [auth] } }
                       middlewares:
                         auth: { basicAuth: { usersFile: "%s", realm: annotators, headerField: X-Forwarded-User, removeHeader: true } }
                       services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                     """.formatted(htpasswd, backend.url()))) {
            int before = backend.requests();
            RawHttp.Response wrong = get(gw, "alice", "nope");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Basic realm=\"annotators\"");
            assertThat(get(gw, null, null).status()).isEqualTo(401);
            assertThat(backend.requests()).as("nothing forwarded without valid credentials").isEqualTo(before);

            RawHttp.Response right = get(gw, "alice", "s3cret");
            assertThat(right.status()).isEqualTo(200);
            var headers = JsonMapper.builder().build().readTree(right.bodyText()).get("headers");
            assertThat(headers.get("x-forwarded-user").asString()).isEqualTo("alice");
            assertThat(headers.has("authorization")).isFalse();
        }
    }

    static RawHttp.Response get(GatewayInstance gw, String user, String password) throws Exception {
        String auth = user == null ? "" : "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)) + "\r\n";
        return RawHttp.exchange(gw.port(), "GET /queue HTTP/1.1\r\nHost: x\r\n" + auth
                + "X-Forwarded-User: mallory\r\nConnection: close\r\n\r\n");
    }
}
