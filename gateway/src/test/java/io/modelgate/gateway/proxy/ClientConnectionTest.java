package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.BufferingSpec;
import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The data plane's HTTP/1.1 behaviour on embedded channels (see {@link EmbeddedProxy}): each test names what it
 * checks and fails when that breaks. No Spring, no sockets, no timing.
 */
class ClientConnectionTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void aRequestIsForwardedWithTheGatewaysHeadersAndTheAnswerRelayed() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET /a?x=1 HTTP/1.1\r\nHost: api.example\r\nConnection: keep-alive, X-Drop\r\nX-Drop: 1\r\n\r\n");
        String sent = p.serverReceived(0);
        assertThat(sent).startsWith("GET /a?x=1 HTTP/1.1\r\n").contains("X-Forwarded-For: 127.0.0.1")
                .contains("X-Request-Id: ").doesNotContain("X-Drop").doesNotContain("Connection:");
        p.serverSends(0, OK);
        String got = p.clientReceived();
        assertThat(got).startsWith("HTTP/1.1 200 OK\r\n").contains("X-Request-Id: ").endsWith("\r\n\r\nok");
        assertThat(p.log).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderOneAtATime() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(p.serverReceived(0)).startsWith("GET /1 ").doesNotContain("GET /2");
        p.serverSends(0, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
        assertThat(p.serverReceived(0)).as("the second goes out on the reused connection only now").startsWith("GET /2 ");
        p.serverSends(0, "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
        String got = p.clientReceived();
        assertThat(got.indexOf("first")).isPositive().isLessThan(got.indexOf("second"));
        assertThat(p.upstreams).hasSize(1);
    }

    @Test
    void readingPausesWhenThePipelineIsFullAndWhenTheServerCannotKeepUp() {
        EmbeddedProxy p = new EmbeddedProxy(List.of("http://10.0.0.1:8000"), Map.of(), 2, 0);
        p.clientSends("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\n\r\nGET /3 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(p.client.config().isAutoRead()).as("two requests wait: maxPipelined reached").isFalse();
        p.serverSends(0, OK);
        p.serverSends(0, OK);
        p.serverSends(0, OK);
        assertThat(p.client.config().isAutoRead()).isTrue();

        p.clientSends("POST /up HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n12345");
        p.upstreams.getFirst().unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        p.upstreams.getFirst().runPendingTasks(); // Netty fires the writability change as a task
        assertThat(p.client.config().isAutoRead()).as("the server's connection is full").isFalse();
        p.upstreams.getFirst().unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        p.upstreams.getFirst().runPendingTasks();
        assertThat(p.client.config().isAutoRead()).isTrue();
    }

    @Test
    void expectContinueIsAnsweredByTheGatewayAndTheServerNeverSeesIt() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
        assertThat(p.clientReceived()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        p.clientSends("abc");
        assertThat(p.serverReceived(0)).doesNotContainIgnoringCase("expect").endsWith("\r\n\r\nabc");
        p.serverSends(0, "HTTP/1.1 100 Continue\r\n\r\n" + OK);
        assertThat(p.clientReceived()).as("the server's own 100 is dropped").startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void aCloseDelimitedResponseIsChunkedForHttp11AndClosesForHttp10() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nstreamed");
        p.upstreams.getFirst().close();
        String chunked = p.clientReceived();
        assertThat(chunked).containsIgnoringCase("transfer-encoding: chunked").contains("8\r\nstreamed\r\n").endsWith("0\r\n\r\n");
        assertThat(p.client.isOpen()).isTrue();

        EmbeddedProxy old = new EmbeddedProxy("http://10.0.0.1:8000");
        old.clientSends("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
        old.serverSends(0, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nstreamed");
        old.upstreams.getFirst().close();
        old.client.runPendingTasks();
        assertThat(old.clientReceived()).startsWith("HTTP/1.0 200 OK").contains("connection: close").endsWith("streamed");
        assertThat(old.client.isOpen()).isFalse();
    }

    @Test
    void aChunkedResponseStaysChunkedAndTheUpstreamConnectionIsReused() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        assertThat(p.clientReceived()).contains("3\r\nabc\r\n0\r\n\r\n");
        p.clientSends("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(p.upstreams).as("pooled connection reused").hasSize(1);
        assertThat(p.serverReceived(0)).contains("GET /2 ");
    }

    @Test
    void headResponsesCarryNoBodyAndKeepTheConnection() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200 OK").containsIgnoringCase("content-length: 1000").endsWith("\r\n\r\n");
        assertThat(p.serverReceived(0)).startsWith("HEAD / ");
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(p.serverReceived(0)).as("the connection stays usable after a bodiless HEAD answer").startsWith("GET / ");
    }

    @Test
    void anUpstreamFailureBeforeTheResponseIs502AfterItBeganTheClientIsCut() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("POST / HTTP/1.1\r\nHost: a\r\nAccept: application/json\r\nContent-Length: 1\r\n\r\nx");
        p.upstreams.getFirst().close(); // before any response byte; a POST is never replayed
        p.client.runPendingTasks();
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 502 Bad Gateway").contains("\"status\":502");
        assertThat(p.client.isOpen()).isTrue();

        p.clientSends("GET /big HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(1, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
        p.upstreams.get(1).close();
        p.client.runPendingTasks();
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200 OK").endsWith("partial");
        assertThat(p.client.isOpen()).as("truncation is the only honest signal").isFalse();
    }

    @Test
    void aStaleKeepAliveConnectionIsReplacedForAnIdempotentRequest() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET /1 HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, OK);
        p.clientReceived();
        p.clientSends("GET /2 HTTP/1.1\r\nHost: a\r\n\r\n");
        p.upstreams.getFirst().close(); // the pooled connection was closed by the server meanwhile
        p.client.runPendingTasks();
        assertThat(p.upstreams).hasSize(2);
        assertThat(p.serverReceived(1)).startsWith("GET /2 ");
        p.serverSends(1, OK);
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void aRefusedConnectIsTriedOnceOnAnotherServer() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000", "http://10.0.0.2:8000");
        p.refused.add("http://10.0.0.1:8000");
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(p.upstreams).hasSize(1);
        p.serverSends(0, OK);
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200 OK");
        assertThat(p.log.getFirst().serverUrl()).isEqualTo("http://10.0.0.2:8000");
    }

    @Test
    void localAnswersAreFramedForTheClientsVersion() {
        EmbeddedProxy p = new EmbeddedProxy();  // no server: 503 from the gateway itself
        p.clientSends("GET / HTTP/1.0\r\nConnection: keep-alive\r\nAccept: application/json\r\n\r\n");
        String got = p.clientReceived();
        assertThat(got).startsWith("HTTP/1.0 503 Service Unavailable").containsIgnoringCase("connection: keep-alive")
                .containsIgnoringCase("content-length: ").contains("\"error\":\"no available server\"");
        assertThat(p.client.isOpen()).isTrue();

        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 503").containsIgnoringCase("connection: close");
        p.client.runPendingTasks();
        assertThat(p.client.isOpen()).isFalse();
    }

    @Test
    void aMalformedRequestGets400AndTheConnectionCloses() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 400 Bad Request").containsIgnoringCase("connection: close");
        assertThat(p.upstreams).as("nothing forwarded").isEmpty();
    }

    @Test
    void middlewaresSeeTheResponseAndLimitBodies() {
        Map<String, MiddlewareSpec> mws = new LinkedHashMap<>();
        mws.put("tag", new HeadersSpec(Map.of(), Map.of("X-Served-By", "modelgate")));
        mws.put("limit", new BufferingSpec(4, 10));
        EmbeddedProxy p = new EmbeddedProxy(List.of("http://10.0.0.1:8000"), mws, 16, 0);
        p.clientSends("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\n12345");
        assertThat(p.clientReceived()).as("declared too large: refused").startsWith("HTTP/1.1 413")
                .contains("X-Served-By: modelgate");
        assertThat(p.upstreams).isEmpty();

        EmbeddedProxy q = new EmbeddedProxy(List.of("http://10.0.0.1:8000"), mws, 16, 0);
        q.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        q.serverSends(0, "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world");
        assertThat(q.clientReceived()).as("a declared response over the limit").startsWith("HTTP/1.1 502");
    }

    @Test
    void aClientThatStopsSendingItsRequestGets408AndAnIdleKeepAliveConnectionIsClosed() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n12");
        p.client.advanceTimeBy(EmbeddedProxy.READ_TIMEOUT_MS - 1000, TimeUnit.MILLISECONDS);
        p.client.runPendingTasks();
        assertThat(p.clientReceived()).as("not yet").isEmpty();
        p.client.advanceTimeBy(1001, TimeUnit.MILLISECONDS);
        p.client.runPendingTasks();
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 408");
        assertThat(p.client.isOpen()).isFalse();

        EmbeddedProxy q = new EmbeddedProxy("http://10.0.0.1:8000");
        q.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        q.client.advanceTimeBy(EmbeddedProxy.IDLE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        q.client.runPendingTasks();
        assertThat(q.client.isOpen()).as("a request in progress keeps the connection").isTrue();
        q.serverSends(0, OK);
        q.client.advanceTimeBy(EmbeddedProxy.IDLE_TIMEOUT_MS - 1000, TimeUnit.MILLISECONDS);
        q.client.runPendingTasks();
        assertThat(q.client.isOpen()).isTrue();
        q.client.advanceTimeBy(1000, TimeUnit.MILLISECONDS);
        q.client.runPendingTasks();
        assertThat(q.client.isOpen()).as("idle since its last response").isFalse();
    }

    @Test
    void aSilentServerGets504AndAnIdlePooledConnectionIsClosed() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        p.upstreams.getFirst().advanceTimeBy(EmbeddedProxy.RESPONSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        p.upstreams.getFirst().runPendingTasks();
        p.client.runPendingTasks();
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 504");
        assertThat(p.upstreams.getFirst().isOpen()).isFalse();

        EmbeddedProxy q = new EmbeddedProxy("http://10.0.0.1:8000");
        q.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        q.serverSends(0, OK);
        q.upstreams.getFirst().advanceTimeBy(EmbeddedProxy.POOL_IDLE_MS - 1000, TimeUnit.MILLISECONDS);
        q.upstreams.getFirst().runPendingTasks();
        assertThat(q.upstreams.getFirst().isOpen()).isTrue();
        q.upstreams.getFirst().advanceTimeBy(1000, TimeUnit.MILLISECONDS);
        q.upstreams.getFirst().runPendingTasks();
        assertThat(q.upstreams.getFirst().isOpen()).as("idle in the pool too long").isFalse();
    }
}
