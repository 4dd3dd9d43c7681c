package io.modelgate.gateway.middleware.basicauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.modelgate.discovery.config.BasicAuthSpec;
import io.modelgate.gateway.middleware.RecordingContinuation;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.bcrypt.BCrypt;

class BasicAuthMiddlewareTest {

    static final String ALICE = "alice:" + BCrypt.hashpw("s3cret", BCrypt.gensalt(5));

    static HttpRequest request(String authorization) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        if (authorization != null) {
            r.headers().set("Authorization", authorization);
        }
        r.headers().set("X-Forwarded-User", "mallory"); // a client trying to pass as someone
        return r;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static RecordingContinuation run(BasicAuthMiddleware m, HttpRequest r) {
        RecordingContinuation next = new RecordingContinuation();
        m.onRequest(r, next);
        await().atMost(Duration.ofSeconds(5)).until(() -> next.proceeded() || next.refusedStatus() != 0);
        return next;
    }

    private final BasicAuthMiddleware m = new BasicAuthMiddleware(
            new BasicAuthSpec(List.of(ALICE), null, "annotation", true, "X-Forwarded-User"));

    @Test
    void rightPasswordPassesWithTheUserUpstreamAndNoAuthorization() {
        HttpRequest r = request(basic("alice", "s3cret"));
        RecordingContinuation next = run(m, r);
        assertThat(next.proceeded()).isTrue();
        assertThat(r.headers().get("X-Forwarded-User")).isEqualTo("alice");
        assertThat(r.headers().contains("Authorization")).isFalse();
        HttpRequest again = request(basic("alice", "s3cret"));
        assertThat(run(m, again).proceeded()).as("remembered: no second bcrypt, same answer").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", "S3CRET", ""})
    void wrongPasswordsAre401WithAChallenge(String password) {
        HttpRequest r = request(basic("alice", password));
        RecordingContinuation next = run(m, r);
        assertThat(next.refusedStatus()).isEqualTo(401);
        assertThat(next.refusedHeaders()).containsEntry("WWW-Authenticate", "Basic realm=\"annotation\"");
        assertThat(r.headers().contains("X-Forwarded-User")).as("spoofed identity removed").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc", "Basic !!!notbase64", "Basic " + "bm9jb2xvbg=="})
    void malformedOrMissingCredentialsAre401(String header) {
        assertThat(run(m, request(header)).refusedStatus()).isEqualTo(401);
        assertThat(run(m, request(null)).refusedStatus()).isEqualTo(401);
    }

    @Test
    void unknownUsersAre401() {
        assertThat(run(m, request(basic("bob", "s3cret"))).refusedStatus()).isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice:$apr1$abc$def", "alice:{SHA}abc=", "alice:plaintext", "no-colon"})
    void malformedOrPlainTextEntriesAreRefused(String entry) {
        assertThatThrownBy(() -> BasicAuthMiddleware.parse(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("basicAuth");
    }

    @Test
    void aMissingUsersFileIsAnErrorNamingIt() {
        assertThatThrownBy(() -> new BasicAuthMiddleware(new BasicAuthSpec(List.of(), "/no/such/htpasswd", null, false, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/no/such/htpasswd");
    }
}
