package io.modelgate.gateway.middleware.redirectscheme;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.RedirectSchemeSpec;
import io.modelgate.gateway.middleware.RecordingContinuation;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedirectSchemeMiddlewareTest {

    private static HttpRequest request(HttpMethod method, String host, String proto, String uri) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        r.headers().set("Host", host);
        if (proto != null) {
            r.headers().set("X-Forwarded-Proto", proto);
        }
        return r;
    }

    private static RecordingContinuation run(RedirectSchemeSpec spec, HttpRequest r) {
        RecordingContinuation next = new RecordingContinuation();
        new RedirectSchemeMiddleware(spec).onRequest(r, next);
        return next;
    }

    @Test
    void aPlainGetIsRedirectedPermanentlyToHttpsOnTheDefaultPortWithPathAndQuery() {
        RecordingContinuation next = run(new RedirectSchemeSpec("https", null, true),
                request(HttpMethod.GET, "api.example:8080", "http", "/v1/m?x=1"));
        assertThat(next.proceeded()).isFalse();
        assertThat(next.refusedStatus()).isEqualTo(301);
        assertThat(next.respondedHeaders().get("Location")).isEqualTo(List.of("https://api.example/v1/m?x=1"));
    }

    @Test
    void otherMethodsGet308Or307SoTheClientRepeatsTheMethodAndBody() {
        assertThat(run(new RedirectSchemeSpec("https", null, true), request(HttpMethod.POST, "a", "http", "/p"))
                .refusedStatus()).isEqualTo(308);
        assertThat(run(new RedirectSchemeSpec("https", null, false), request(HttpMethod.POST, "a", "http", "/p"))
                .refusedStatus()).isEqualTo(307);
        assertThat(run(new RedirectSchemeSpec("https", null, false), request(HttpMethod.GET, "a", "http", "/p"))
                .refusedStatus()).isEqualTo(302);
    }

    @Test
    void aConfiguredPortIsWrittenUnlessItIsTheSchemesDefault() {
        assertThat(run(new RedirectSchemeSpec("https", "8443", true), request(HttpMethod.GET, "[::1]:8080", "http", "/"))
                .respondedHeaders().get("Location")).isEqualTo(List.of("https://[::1]:8443/"));
        assertThat(run(new RedirectSchemeSpec("https", "443", true), request(HttpMethod.GET, "a:80", "http", "/"))
                .respondedHeaders().get("Location")).isEqualTo(List.of("https://a/"));
    }

    @Test
    void aRequestAlreadyInTheSchemeAndPortPassesOn() {
        assertThat(run(new RedirectSchemeSpec("https", null, true), request(HttpMethod.GET, "a", "https", "/")).proceeded())
                .isTrue();
        assertThat(run(new RedirectSchemeSpec("https", "8443", true), request(HttpMethod.GET, "a:8443", "https", "/"))
                .proceeded()).isTrue();
        assertThat(run(new RedirectSchemeSpec("http", null, true), request(HttpMethod.GET, "a", null, "/")).proceeded())
                .as("no X-Forwarded-Proto: plain HTTP").isTrue();
        assertThat(run(new RedirectSchemeSpec("https", "8443", true), request(HttpMethod.GET, "a:9443", "https", "/"))
                .respondedHeaders().get("Location")).as("right scheme, wrong port").isEqualTo(List.of("https://a:8443/"));
    }
}
