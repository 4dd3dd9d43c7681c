package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.pipeline.Identity;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.Page;
import io.modelgate.gateway.pipeline.RequestControl;
import io.modelgate.gateway.pipeline.ResponseControl;
import io.modelgate.gateway.pipeline.UpstreamCall;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The three hooks of {@link Middleware} as the data plane honours them, with test middlewares of their own
 * (no spec, no factory): decisions, asynchronous ones included; responses passing back out innermost first
 * and only through the middlewares the request passed; the call to the service wrapped, refused or observed.
 */
class MiddlewareContractTest {

    private static final String SERVER = "http://10.0.0.1:8000";
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private final List<String> seen = new ArrayList<>();

    /** Tags responses with its name and records the order in which it saw them. */
    private Middleware tagger(String name) {
        return new Middleware() {
            @Override
            public void onRequest(HttpRequest request, RequestControl next) {
                next.proceed();
            }

            @Override
            public void onResponse(HttpResponse response, ResponseControl control) {
                seen.add(name + ":" + control.status() + (control.fromService() ? ":service" : ":gateway"));
                response.headers().add("X-Tag", name);
            }
        };
    }

    /** A middleware that only wraps the call. */
    private static Middleware wrapping(java.util.function.Consumer<UpstreamCall> around) {
        return new Middleware() {
            @Override
            public void onRequest(HttpRequest request, RequestControl next) {
                next.proceed();
            }

            @Override
            public void aroundCall(UpstreamCall call) {
                around.accept(call);
            }
        };
    }

    private static Middleware refusing(int status) {
        return (request, next) -> next.refuse(status, "refused by test", Map.of("WWW-Authenticate", "Test"));
    }

    @Test
    void aResponsePassesBackInnermostFirstAndARefusalOnlyThroughTheOuterOnes() {
        EmbeddedProxy p = new EmbeddedProxy(EmbeddedProxy.route(List.of(SERVER),
                List.of(tagger("outer"), tagger("inner"))), 16, 0);
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, OK);
        assertThat(seen).containsExactly("inner:200:service", "outer:200:service");
        assertThat(p.clientReceived()).contains("X-Tag: inner\r\nX-Tag: outer\r\n");

        seen.clear();
        EmbeddedProxy q = new EmbeddedProxy(EmbeddedProxy.route(List.of(SERVER),
                List.of(tagger("outer"), refusing(401), tagger("inner"))), 16, 0);
        q.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(seen).containsExactly("outer:401:gateway");
        assertThat(q.clientReceived()).startsWith("HTTP/1.1 401").contains("WWW-Authenticate: Test");
        assertThat(q.upstreams).as("nothing forwarded").isEmpty();
    }

    @Test
    void anAsynchronousDecisionIsWaitedForAndAnAnswerIsWrittenByTheGateway() {
        CompletableFuture<Void> authCall = new CompletableFuture<>();
        Middleware slowAuth = (request, next) -> authCall.thenRun(() -> next.respond(403,
                Map.of("Content-Type", List.of("application/json"), "Connection", List.of("X-Secret")),
                "{\"error\":\"scope\"}".getBytes(StandardCharsets.UTF_8)));
        EmbeddedProxy p = new EmbeddedProxy(EmbeddedProxy.route(List.of(SERVER), List.of(slowAuth)), 16, 0);
        p.clientSends("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        assertThat(p.clientReceived()).as("nothing until the decision").isEmpty();
        authCall.complete(null);
        p.client.runPendingTasks();
        String got = p.clientReceived();
        assertThat(got).startsWith("HTTP/1.0 403").containsIgnoringCase("connection: keep-alive")
                .containsIgnoringCase("content-length: 17").endsWith("{\"error\":\"scope\"}");
        assertThat(p.upstreams).isEmpty();
    }

    @Test
    void aResponseCanBeReplacedByAPageWhileTheServersBodyIsDropped() {
        CompletableFuture<Page> page = new CompletableFuture<>();
        Middleware pages = new Middleware() {
            @Override
            public void onRequest(HttpRequest request, RequestControl next) {
                next.proceed();
            }

            @Override
            public void onResponse(HttpResponse response, ResponseControl control) {
                if (control.status() >= 500) {
                    control.replace(page);
                }
            }
        };
        EmbeddedProxy p = new EmbeddedProxy(EmbeddedProxy.route(List.of(SERVER), List.of(tagger("outer"), pages)), 16, 0);
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\nContent-Length: 9\r\n\r\nstacktrac");
        assertThat(p.clientReceived()).isEmpty();
        page.complete(new Page("text/html", "<h1>sorry</h1>".getBytes(StandardCharsets.UTF_8)));
        p.client.runPendingTasks();
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 503").containsIgnoringCase("Retry-After: 7").contains("X-Tag: outer")
                .endsWith("<h1>sorry</h1>").doesNotContain("stacktrac");
        assertThat(seen).as("the outer middleware sees the page").containsExactly("outer:503:gateway");
    }

    @Test
    void theCallCanBeRefusedBeforeItIsSentOrObservedAfterwards() {
        List<UpstreamCall.Outcome> outcomes = new ArrayList<>();
        Middleware observer = wrapping(call -> {
            call.onOutcome(outcomes::add);
            call.proceed();
        });
        EmbeddedProxy p = new EmbeddedProxy(EmbeddedProxy.route(List.of(SERVER, "http://10.0.0.2:8000"),
                List.of(observer)), 16, 0);
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, OK);
        EmbeddedProxy down = new EmbeddedProxy(EmbeddedProxy.route(List.of(SERVER, "http://10.0.0.2:8000"),
                List.of(observer)), 16, 0);
        down.refused.addAll(List.of(SERVER, "http://10.0.0.2:8000"));
        down.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(down.clientReceived()).startsWith("HTTP/1.1 502");
        assertThat(outcomes).containsExactly(new UpstreamCall.Outcome(200, true), new UpstreamCall.Outcome(502, false));

        Middleware openBreaker = wrapping(call -> call.refuse(503, "circuit open"));
        EmbeddedProxy q = new EmbeddedProxy(EmbeddedProxy.route(List.of(SERVER), List.of(openBreaker)), 16, 0);
        q.clientSends("GET / HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\n\r\n");
        assertThat(q.clientReceived()).startsWith("HTTP/1.1 503").contains("\"error\":\"circuit open\"");
        assertThat(q.upstreams).as("nothing sent").isEmpty();
    }

    @Test
    void anIdentityRecordedByOneMiddlewareIsSeenByTheLaterOnesOfTheSameRequestOnly() {
        List<Identity> read = new ArrayList<>();
        Middleware reader = (request, next) -> {
            read.add(next.identity());
            next.proceed();
        };
        Middleware auth = (request, next) -> {
            if (request.uri().startsWith("/private")) {
                next.identify(new Identity("alice", "pro", "tok1"));
            }
            next.proceed();
        };
        EmbeddedProxy p = new EmbeddedProxy(EmbeddedProxy.route(List.of(SERVER), List.of(reader, auth, reader)), 16, 0);
        p.clientSends("GET /private HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, OK);
        p.clientSends("GET /public HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, OK);
        assertThat(read).containsExactly(null, new Identity("alice", "pro", "tok1"), null, null);
    }
}
