package io.modelgate.gateway.middleware.forwardauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decision cache and the request-side helpers, with an injected ticker: no sleeping, no network. */
class AuthDecisionsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AuthDecisions decisions = new AuthDecisions(Duration.ofMinutes(1), nanos::get);

    @ParameterizedTest(name = "Cache-Control: {0} -> {1} s")
    @CsvSource(delimiter = '|', value = {
        "max-age=30                  | 30",
        "public, max-age=30          | 30",
        "s-maxage=20                 | 0",
        "s-max-age=20                | 20",
        "no-store, max-age=30        | 0",
        "no-cache                    | 0",
        "private                     | 0",
        "''                          | 0",
    })
    void ttlComesFromCacheControl(String header, long seconds) {
        assertThat(AuthDecisions.ttlNanos(header.isEmpty() ? List.of() : List.of(header)))
                .isEqualTo(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void aDecisionLivesForItsMaxAgeBoundedByTheConfiguredMaximum() {
        assertThat(decisions.remember("k", List.of("max-age=30"), Map.of("X-Auth-User", "alice"), null)).isTrue();
        assertThat(decisions.remember("long", List.of("max-age=3600"), Map.of(), null)).isTrue();
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(decisions.get("k").headers()).containsEntry("X-Auth-User", "alice");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(decisions.get("k")).as("expired after max-age: a revoked token is refused from now on").isNull();
        assertThat(decisions.get("long")).isNotNull();
        nanos.addAndGet(Duration.ofSeconds(30).toNanos());
        assertThat(decisions.get("long")).as("bounded by maxCacheTtl (1 min)").isNull();
    }

    @Test
    void nothingIsCachedWithoutACredentialOrWithNoStore() {
        assertThat(decisions.remember(null, List.of("max-age=30"), Map.of(), null)).isFalse();
        assertThat(decisions.remember("k", List.of("no-store"), Map.of(), null)).isFalse();
        assertThat(decisions.get("k")).isNull();
    }

    static HttpRequest request(String uri, String host, String authorization) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        r.headers().set("Host", host);
        if (authorization != null) {
            r.headers().set("Authorization", authorization);
        }
        return r;
    }

    @Test
    void cacheKeysSeparateCredentialsHostsAndTargets() {
        String a = key(request("/api/v1/m1/predict", "api", "Bearer t1"));
        assertThat(key(request("/api/v1/m1/predict", "api", "Bearer t1"))).isEqualTo(a);
        assertThat(key(request("/api/v1/m1/other", "api", "Bearer t1"))).isNotEqualTo(a);
        assertThat(key(request("/api/v1/m1/predict?x=1", "api", "Bearer t1"))).as("the query is not part of it").isEqualTo(a);
        assertThat(key(request("/api/v1/m2/predict", "api", "Bearer t1"))).isNotEqualTo(a);
        String app = key(request("/api/v1/projects/demo/environments/prod/apps/tagging/predict", "api", "Bearer t1"));
        assertThat(key(request("/api/v1/projects/demo/environments/prod/apps/other/predict", "api", "Bearer t1")))
                .as("a token scoped to one app of a project").isNotEqualTo(app);
        assertThat(key(request("/api/v1/m1/predict", "api", "Bearer t2"))).isNotEqualTo(a);
        assertThat(key(request("/api/v1/m1/predict", "other", "Bearer t1"))).isNotEqualTo(a);
        assertThat(key(request("/api/v1/m1/predict", "api", null))).isNull();
        assertThat(key(request("/api/v1/m1/p?api_key=t1", "api", null))).isNotNull()
                .doesNotContain("t1");
    }

    private static String key(HttpRequest r) {
        return AuthCacheKey.of(r, null);
    }

    @Test
    void aConfiguredCookieIsACredentialToo() {
        HttpRequest withCookie = request("/api/v1/m1/predict", "api", null);
        withCookie.headers().set("Cookie", "theme=dark; session=s1");
        assertThat(AuthCacheKey.of(withCookie, null)).as("not configured").isNull();
        String s1 = AuthCacheKey.of(withCookie, "session");
        assertThat(s1).isNotNull().doesNotContain("s1");
        withCookie.headers().set("Cookie", "session=s2");
        assertThat(AuthCacheKey.of(withCookie, "session")).isNotNull().isNotEqualTo(s1);
        withCookie.headers().set("Cookie", "other=s1");
        assertThat(AuthCacheKey.of(withCookie, "session")).isNull();
    }

    @ParameterizedTest
    @CsvSource({"'alice',true", "'al\rice',false", "'al\nice',false", "'a\u0000',false"})
    void headerValuesWithLineBreaksAreUnsafe(String value, boolean safe) {
        assertThat(ForwardAuthMiddleware.safe(value)).isEqualTo(safe);
    }
}
