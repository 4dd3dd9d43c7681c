package io.modelgate.gateway.middleware.buffering;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.BufferingSpec;
import io.modelgate.gateway.middleware.RecordingContinuation;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BufferingMiddlewareTest {

    @ParameterizedTest(name = "limit {0}, Content-Length {1} -> refused with {2}")
    @CsvSource(nullValues = "NULL", value = {
        "20000000, 20000001, 413",
        "20000000, 20000000, 0",
        "20000000, 19999999, 0",
        "20000000, NULL,     0",   // unknown length: counted by the data plane as it streams
        "0,        99999999, 0",   // no limit
    })
    void refusesDeclaredOversizeBodiesBeforeAnyServerIsContacted(long limit, String contentLength, int refused) {
        BufferingMiddleware m = new BufferingMiddleware(new BufferingSpec(limit, 0));
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/upload");
        if (contentLength != null) {
            req.headers().set("Content-Length", contentLength);
        }
        RecordingContinuation next = new RecordingContinuation();
        m.onRequest(req, next);
        assertThat(next.refusedStatus()).isEqualTo(refused);
        assertThat(next.proceeded()).isEqualTo(refused == 0);
        assertThat(next.requestLimit()).as("counted as it streams").isEqualTo(refused == 0 ? limit : 0);
    }
}
