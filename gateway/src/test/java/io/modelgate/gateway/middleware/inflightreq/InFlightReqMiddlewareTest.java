package io.modelgate.gateway.middleware.inflightreq;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.InFlightReqSpec;
import io.modelgate.discovery.config.SourceCriterion;
import io.modelgate.gateway.middleware.RecordingContinuation;
import io.modelgate.gateway.pipeline.Identity;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** The count per source: taken at the decision, given back when the exchange is over. */
class InFlightReqMiddlewareTest {

    static HttpRequest host(String host) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        r.headers().set("Host", host).set("X-Forwarded-For", "10.0.0.1");
        return r;
    }

    static RecordingContinuation call(InFlightReqMiddleware m, HttpRequest r, Identity who) {
        return RecordingContinuation.decide(m, r, who);
    }

    @Test
    void theRequestBeyondTheAmountGets429UntilOneIsDone() {
        InFlightReqMiddleware m = new InFlightReqMiddleware(new InFlightReqSpec(2, null));
        RecordingContinuation first = call(m, host("a"), null);
        RecordingContinuation second = call(m, host("a"), null);
        RecordingContinuation third = call(m, host("a"), null);
        assertThat(first.proceeded()).isTrue();
        assertThat(second.proceeded()).isTrue();
        assertThat(third.proceeded()).isFalse();
        assertThat(third.refusedStatus()).isEqualTo(429);
        assertThat(call(m, host("b"), null).proceeded()).as("another host: its own count").isTrue();
        assertThat(m.inFlight("a.example")).isZero();
        first.finishExchange();
        assertThat(call(m, host("a"), null).proceeded()).isTrue();
        assertThat(m.rejected()).isEqualTo(1);
    }

    @Test
    void aRefusedRequestHoldsNothingAndADoneOneGivesBackOnce() {
        InFlightReqMiddleware m = new InFlightReqMiddleware(new InFlightReqSpec(1, new SourceCriterion(null, null, false, true)));
        RecordingContinuation ann = call(m, host("a"), Identity.user("ann"));
        assertThat(call(m, host("a"), Identity.user("ann")).refusedStatus()).isEqualTo(429);
        assertThat(call(m, host("a"), Identity.user("bob")).proceeded()).as("per user").isTrue();
        assertThat(m.inFlight("user:ann")).isEqualTo(1);
        ann.finishExchange();
        ann.finishExchange();
        assertThat(m.inFlight("user:ann")).isZero();
        assertThat(call(m, host("a"), Identity.user("ann")).proceeded()).isTrue();
        assertThat(m.inFlight("user:ann")).isEqualTo(1);
    }
}
