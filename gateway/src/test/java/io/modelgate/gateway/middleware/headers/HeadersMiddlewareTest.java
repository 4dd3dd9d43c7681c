package io.modelgate.gateway.middleware.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.gateway.middleware.RecordingContinuation;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadersMiddlewareTest {

    private final HeadersMiddleware m = new HeadersMiddleware(new HeadersSpec(
            Map.of("X-Model-Tier", "gold", "X-Drop-Me", ""),
            Map.of("X-Served-By", "modelgate", "Server", "")));

    @Test
    void setsAndRemovesRequestHeaders() {
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        req.headers().add("X-Model-Tier", "free").add("X-Drop-Me", "1").add("X-Other", "kept");
        RecordingContinuation next = new RecordingContinuation();
        m.onRequest(req, next);
        assertThat(next.proceeded()).isTrue();
        assertThat(next.refusedStatus()).isZero();
        assertThat(req.headers().getAll("X-Model-Tier")).containsExactly("gold");
        assertThat(req.headers().contains("X-Drop-Me")).isFalse();
        assertThat(req.headers().get("X-Other")).isEqualTo("kept");
    }

    @Test
    void setsAndRemovesResponseHeaders() {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        res.headers().add("Server", "uvicorn");
        m.onResponse(res, null); // headers needs nothing from the exchange
        assertThat(res.headers().get("X-Served-By")).isEqualTo("modelgate");
        assertThat(res.headers().contains("Server")).isFalse();
    }
}
