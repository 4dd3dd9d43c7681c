package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What a client connection does when its entry point stops (see {@link OpenConnections}), on embedded channels:
 * idle connections close, the request in progress is answered and its connection closes after it.
 */
class DrainTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    @Test
    void anIdleKeepAliveConnectionIsClosedAtOnce() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, OK);
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200").doesNotContain("Connection: close");
        assertThat(p.client.isOpen()).isTrue();

        p.client.pipeline().fireUserEventTriggered(OpenConnections.DRAIN);

        assertThat(p.client.isOpen()).isFalse();
    }

    @Test
    void theRequestInProgressIsAnsweredWithConnectionCloseAndNothingPipelinedIsForwarded() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET /slow HTTP/1.1\r\nHost: a\r\n\r\nGET /next HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(p.serverReceived(0)).startsWith("GET /slow ");

        p.client.pipeline().fireUserEventTriggered(OpenConnections.DRAIN);
        assertThat(p.client.isOpen()).as("busy: kept until its response is out").isTrue();
        p.serverSends(0, OK);

        String got = p.clientReceived();
        assertThat(got).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: close").endsWith("\r\n\r\nok");
        assertThat(p.client.isOpen()).isFalse();
        assertThat(p.serverReceived(0)).as("the pipelined request is left for the client to retry").isEmpty();
        assertThat(p.log).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(200));
    }

    @Test
    void aRequestStartingWhileTheEntryPointDrainsIsAnsweredAndClosesItsConnection() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.client.pipeline().get(ClientConnection.class).px().startDraining();

        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, OK);

        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: close");
        assertThat(p.client.isOpen()).isFalse();
    }
}
