package io.modelgate.gateway.middleware.forwardauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.config.ForwardAuthSpec;
import io.modelgate.gateway.net.HttpGet;
import io.modelgate.gateway.middleware.RecordingContinuation;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The forwardAuth contract with the auth service replaced by a function: headers in, decisions out. */
class ForwardAuthMiddlewareTest {

    private final List<HttpGet.Request> asked = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private HttpGet.Response answer = new HttpGet.Response(200, new DefaultHttpHeaders()
            .set("X-Auth-User", "alice").set("X-Auth-Plan", "free").set("Cache-Control", "max-age=30"), new byte[0]);
    private boolean down;

    private final HttpGet fake = (loop, request) -> {
        asked.add(request);
        return down ? CompletableFuture.failedFuture(new IOException("connection refused"))
                : CompletableFuture.completedFuture(answer);
    };

    private ForwardAuthMiddleware middleware(boolean trust, List<String> requestHeaders) {
        return new ForwardAuthMiddleware(new ForwardAuthSpec(URI.create("http://auth:9091/auth?realm=api"), trust,
                List.of("X-Auth-User", "X-Auth-Plan"), null, requestHeaders, Duration.ofSeconds(2), Duration.ofMinutes(5)),
                fake, nanos::get);
    }

    /** A request as the gateway hands it to middlewares: X-Forwarded-For already ends with the peer. */
    private static HttpRequest request(String uri, String... headers) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
        r.headers().set("Host", "api.example").set("X-Forwarded-For", "203.0.113.9, 10.1.2.3")
                .set("Content-Length", "12").set("Connection", "keep-alive");
        for (int i = 0; i < headers.length; i += 2) {
            r.headers().add(headers[i], headers[i + 1]);
        }
        return r;
    }

    @Test
    void theAuthRequestCarriesTheClientsHeadersAndTheGatewaysForwardedView() {
        RecordingContinuation next = new RecordingContinuation();
        HttpRequest r = request("/api/v1/m1/predict?x=1", "Authorization", "Bearer t", "X-Forwarded-User", "mallory",
                "X-Forwarded-Uri", "/admin", "Accept", "application/json");
        middleware(false, List.of()).onRequest(r, next);
        assertThat(next.proceeded()).isTrue();
        HttpGet.Request auth = asked.getFirst();
        assertThat(auth.host()).isEqualTo("auth");
        assertThat(auth.port()).isEqualTo(9091);
        assertThat(auth.hostHeader()).isEqualTo("auth:9091");
        assertThat(auth.pathAndQuery()).isEqualTo("/auth?realm=api");
        HttpHeaders h = auth.headers();
        assertThat(h.get("Authorization")).isEqualTo("Bearer t");
        assertThat(h.get("Accept")).isEqualTo("application/json");
        assertThat(h.get("X-Forwarded-Method")).isEqualTo("POST");
        assertThat(h.get("X-Forwarded-Uri")).isEqualTo("/api/v1/m1/predict?x=1");
        assertThat(h.get("X-Forwarded-Host")).isEqualTo("api.example");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(h.get("X-Forwarded-For")).as("the direct peer only").isEqualTo("10.1.2.3");
        assertThat(h.contains("X-Forwarded-User")).as("client-sent X-Forwarded-* never reach the auth service").isFalse();
        assertThat(h.contains("Content-Length")).as("no body is sent").isFalse();
        assertThat(h.contains("Connection")).isFalse();
        assertThat(h.contains("Host")).as("set by the client for the auth host").isFalse();
    }

    @Test
    void trustForwardHeaderPassesTheForwardedHeadersOn() {
        middleware(true, List.of()).onRequest(request("/x", "X-Forwarded-Uri", "/original", "X-Forwarded-User", "lb-user"),
                new RecordingContinuation());
        HttpHeaders h = asked.getFirst().headers();
        assertThat(h.get("X-Forwarded-Uri")).isEqualTo("/original");
        assertThat(h.get("X-Forwarded-User")).isEqualTo("lb-user");
        assertThat(h.get("X-Forwarded-For")).isEqualTo("203.0.113.9, 10.1.2.3");
        assertThat(h.get("X-Forwarded-Method")).isEqualTo("POST");
    }

    @Test
    void authRequestHeadersRestrictsWhatIsSent() {
        middleware(false, List.of("Authorization")).onRequest(request("/x", "Authorization", "Bearer t",
                "Cookie", "session=1", "X-API-Key", "k"), new RecordingContinuation());
        HttpHeaders h = asked.getFirst().headers();
        assertThat(h.get("Authorization")).isEqualTo("Bearer t");
        assertThat(h.contains("Cookie")).isFalse();
        assertThat(h.contains("X-API-Key")).isFalse();
        assertThat(h.get("X-Forwarded-Method")).as("the forwarded view is always sent").isEqualTo("POST");
    }

    @Test
    void aSpoofedIdentityIsReplacedByTheAuthServicesAnswer() {
        HttpRequest r = request("/x", "Authorization", "Bearer t", "X-Auth-User", "mallory", "x-auth-plan", "enterprise");
        RecordingContinuation next = new RecordingContinuation();
        ForwardAuthMiddleware middleware = middleware(false, List.of());
        middleware.onRequest(r, next);
        assertThat(asked.getFirst().headers().contains("X-Auth-User")).as("not even shown to the auth service").isFalse();
        assertThat(r.headers().getAll("X-Auth-User")).containsExactly("alice");
        assertThat(r.headers().getAll("X-Auth-Plan")).containsExactly("free");
        assertThat(next.identity()).isEqualTo(new io.modelgate.gateway.pipeline.Identity("alice", "free", null));

        RecordingContinuation again = new RecordingContinuation(); // the cached decision names the same caller
        middleware.onRequest(request("/x", "Authorization", "Bearer t"), again);
        assertThat(asked).hasSize(1);
        assertThat(again.identity()).isEqualTo(next.identity());
    }

    @Test
    void aSpoofedIdentityIsRemovedEvenWhenTheAuthServiceSendsNone() {
        answer = new HttpGet.Response(204, new DefaultHttpHeaders(), new byte[0]);
        HttpRequest r = request("/x", "Authorization", "Bearer t", "X-Auth-User", "mallory");
        RecordingContinuation next = new RecordingContinuation();
        middleware(false, List.of()).onRequest(r, next);
        assertThat(next.proceeded()).isTrue();
        assertThat(r.headers().contains("X-Auth-User")).isFalse();
        assertThat(next.identity()).as("no user named, no identity").isNull();
    }

    @Test
    void aLineBreakInAnAuthHeaderRefusesTheRequestAndCopiesNothing() {
        answer = new HttpGet.Response(200, new DefaultHttpHeaders(false).set("X-Auth-User", "alice\r\nX-Admin: yes"), new byte[0]);
        HttpRequest r = request("/x", "Authorization", "Bearer t");
        RecordingContinuation next = new RecordingContinuation();
        middleware(false, List.of()).onRequest(r, next);
        assertThat(next.proceeded()).isFalse();
        assertThat(next.refusedStatus()).isEqualTo(502);
        assertThat(r.headers().contains("X-Auth-User")).isFalse();
    }

    @Test
    void aRefusalGoesBackAsItCame() {
        answer = new HttpGet.Response(401, new DefaultHttpHeaders().set("WWW-Authenticate", "Bearer realm=\"modelgate\"")
                .set("Content-Type", "application/json").set("Content-Length", "20").set("Connection", "close"),
                "{\"error\":\"no token\"}".getBytes(StandardCharsets.UTF_8));
        RecordingContinuation next = new RecordingContinuation();
        middleware(false, List.of()).onRequest(request("/x"), next);
        assertThat(next.proceeded()).isFalse();
        assertThat(next.refusedStatus()).isEqualTo(401);
        assertThat(next.refusedError()).isEqualTo("{\"error\":\"no token\"}");
        assertThat(next.respondedHeaders()).containsKeys("WWW-Authenticate", "Content-Type")
                .doesNotContainKeys("Content-Length", "Connection");
    }

    @Test
    void anUnreachableAuthServiceFailsClosed() {
        down = true;
        RecordingContinuation next = new RecordingContinuation();
        middleware(false, List.of()).onRequest(request("/x", "Authorization", "Bearer t"), next);
        assertThat(next.proceeded()).isFalse();
        assertThat(next.refusedStatus()).isEqualTo(503);
    }

    @Test
    void aCachedDecisionIsReusedUntilItsMaxAgeAndCounted() {
        ForwardAuthMiddleware m = middleware(false, List.of());
        for (int i = 0; i < 10; i++) {
            HttpRequest r = request("/api/v1/m1/x", "Authorization", "Bearer t", "X-Auth-User", "mallory");
            RecordingContinuation next = new RecordingContinuation();
            m.onRequest(r, next);
            assertThat(next.proceeded()).isTrue();
            assertThat(r.headers().getAll("X-Auth-User")).containsExactly("alice");
        }
        assertThat(asked).hasSize(1);
        assertThat(m.cacheHits()).isEqualTo(9);
        assertThat(m.cacheMisses()).isEqualTo(1);
        m.onRequest(request("/api/v1/m2/x", "Authorization", "Bearer t"), new RecordingContinuation());
        assertThat(asked).as("another model is another decision").hasSize(2);
        m.onRequest(request("/api/v1/m1/y", "Authorization", "Bearer t"), new RecordingContinuation());
        assertThat(asked).as("another path is another decision (path-scoped tokens)").hasSize(3);
        nanos.addAndGet(Duration.ofSeconds(31).toNanos());
        m.onRequest(request("/api/v1/m1/x", "Authorization", "Bearer t"), new RecordingContinuation());
        assertThat(asked).as("expired after max-age").hasSize(4);
        m.onRequest(request("/api/v1/m1/x"), new RecordingContinuation());
        assertThat(m.cacheHits() + m.cacheMisses()).as("no credential: not a cache lookup").isEqualTo(13);
    }

    @Test
    void concurrentMissesForOneCredentialShareOneCall() {
        CompletableFuture<HttpGet.Response> pending = new CompletableFuture<>();
        List<HttpGet.Request> calls = new ArrayList<>();
        ForwardAuthMiddleware m = new ForwardAuthMiddleware(new ForwardAuthSpec(URI.create("http://auth/auth"), false,
                List.of("X-Auth-User"), null, List.of(), Duration.ofSeconds(2), Duration.ofMinutes(5)),
                (loop, request) -> {
                    calls.add(request);
                    return pending;
                }, nanos::get);
        List<RecordingContinuation> waiting = new ArrayList<>();
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            HttpRequest r = request("/api/v1/m1/x", "Authorization", "Bearer t");
            RecordingContinuation next = new RecordingContinuation();
            m.onRequest(r, next);
            requests.add(r);
            waiting.add(next);
        }
        RecordingContinuation other = new RecordingContinuation();
        m.onRequest(request("/api/v1/m1/x", "Authorization", "Bearer someone-else"), other);
        assertThat(calls).as("one call for the 20, one for the other credential").hasSize(2);
        assertThat(m.cacheMisses()).isEqualTo(2);
        assertThat(m.cacheShared()).isEqualTo(19);
        assertThat(waiting).noneMatch(RecordingContinuation::proceeded);
        pending.complete(answer);
        assertThat(waiting).allMatch(RecordingContinuation::proceeded);
        assertThat(requests).allSatisfy(r -> assertThat(r.headers().get("X-Auth-User")).isEqualTo("alice"));
        m.onRequest(request("/api/v1/m1/x", "Authorization", "Bearer t"), new RecordingContinuation());
        assertThat(calls).as("then from the cache").hasSize(2);
    }

    @Test
    void anAnswerThatMayNotBeReusedIsNotSharedEither() {
        List<CompletableFuture<HttpGet.Response>> pending = new ArrayList<>();
        ForwardAuthMiddleware m = new ForwardAuthMiddleware(new ForwardAuthSpec(URI.create("http://auth/auth"), false,
                List.of("X-Auth-User"), null, List.of(), Duration.ofSeconds(2), Duration.ofMinutes(5)),
                (loop, request) -> {
                    CompletableFuture<HttpGet.Response> f = new CompletableFuture<>();
                    pending.add(f);
                    return f;
                }, nanos::get);
        List<RecordingContinuation> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordingContinuation next = new RecordingContinuation();
            m.onRequest(request("/api/v1/m1/x", "Authorization", "Bearer t"), next);
            waiting.add(next);
        }
        assertThat(pending).hasSize(1);
        // a service that counts every request against a quota answers no-store: each request is its own call
        pending.getFirst().complete(new HttpGet.Response(200, new DefaultHttpHeaders().set("X-Auth-User", "alice")
                .set("Cache-Control", "no-store"), new byte[0]));
        assertThat(waiting.getFirst().proceeded()).isTrue();
        assertThat(pending).as("the two waiters ask for themselves").hasSize(3);
        assertThat(m.cacheMisses()).as("each of those calls counted as a miss").isEqualTo(3);
        assertThat(waiting.subList(1, 3)).noneMatch(RecordingContinuation::proceeded);
        pending.get(1).complete(new HttpGet.Response(429, new DefaultHttpHeaders(), new byte[0])); // quota used up
        pending.get(2).complete(answer);
        assertThat(waiting.subList(1, 3)).as("each got its own answer (in either order)")
                .extracting(RecordingContinuation::proceeded, RecordingContinuation::refusedStatus)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(true, 0),
                        org.assertj.core.groups.Tuple.tuple(false, 429));
    }

    @Test
    void httpsUsesTheConfiguredAuthoritiesAndABadCaFileIsRefusedAtBuild() {
        var spec = new ForwardAuthSpec(URI.create("https://auth/auth"), false, List.of(), null, List.of(), null, null,
                new ForwardAuthSpec.Tls("/nonexistent/ca.pem", false));
        assertThatThrownBy(() -> new ForwardAuthMiddleware(spec, fake, nanos::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/nonexistent/ca.pem");
        var insecure = new ForwardAuthSpec(URI.create("https://auth/auth"), false, List.of(), null, List.of(), null, null,
                new ForwardAuthSpec.Tls(null, true));
        new ForwardAuthMiddleware(insecure, fake, nanos::get).onRequest(request("/x"), new RecordingContinuation());
        assertThat(asked.getFirst().ssl()).isNotNull();
        assertThat(asked.getFirst().port()).isEqualTo(443);
        assertThat(asked.getFirst().hostHeader()).isEqualTo("auth");
    }
}
