package io.modelgate.gateway.middleware.stripprefix;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.gateway.middleware.RecordingContinuation;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StripPrefixMiddlewareTest {

    @ParameterizedTest(name = "{0} -> {1} (X-Forwarded-Prefix {2})")
    @CsvSource(nullValues = "NULL", value = {
        "/api/v1/m/predict?x=1, /predict?x=1, /api/v1/m",
        "/api/v1/m,             /,            /api/v1/m",
        "/api/v1/m?q,           /?q,          /api/v1/m",
        "/api/v1/mx,            /x,           /api/v1/m",
        "/v2/other,             /other,       /v2",
        "/elsewhere,            /elsewhere,   NULL",
    })
    void stripsTheFirstMatchingPrefix(String uri, String expectedUri, String expectedHeader) {
        StripPrefixMiddleware m = new StripPrefixMiddleware(new StripPrefixSpec(List.of("/api/v1/m", "/v2")));
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
        RecordingContinuation next = new RecordingContinuation();
        m.onRequest(req, next);
        assertThat(next.proceeded()).isTrue();
        assertThat(next.refusedStatus()).isZero();
        assertThat(req.uri()).isEqualTo(expectedUri);
        assertThat(req.headers().get("X-Forwarded-Prefix")).isEqualTo(expectedHeader);
    }
}
