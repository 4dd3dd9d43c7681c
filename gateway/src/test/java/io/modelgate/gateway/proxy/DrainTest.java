package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a client connection does when its entry point stops (see {@link OpenConnections}), on embedded channels:
 * idle connections close once they stayed idle through the idle grace (a request arriving meanwhile is
 * answered with {@code Connection: close}), the request in progress is answered and its connection closes
 * after it.
 */
class DrainTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private static final long IDLE_GRACE_MS = 2_000;

    /** A kept-alive connection after one answered request, then the entry point starts draining. */
    private static EmbeddedProxy idleThenDraining(long idleGraceMillis) {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, OK);
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200").doesNotContain("Connection: close");
        assertThat(p.client.isOpen()).isTrue();
        assertThat(p.serverReceived(0)).startsWith("GET / ");
        p.client.pipeline().get(ClientConnection.class).px().startDraining(idleGraceMillis);
        p.client.pipeline().fireUserEventTriggered(OpenConnections.DRAIN);
        return p;
    }

    /** Lets {@code millis} pass on the connection's clock and runs what fell due. */
    private static void later(EmbeddedProxy p, long millis) {
        p.client.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        p.client.runPendingTasks();
    }

    @Test
    void withNoIdleGraceAnIdleKeepAliveConnectionIsClosedAtOnce() {
        EmbeddedProxy p = idleThenDraining(0);

        assertThat(p.client.isOpen()).isFalse();
    }

    @Test
    void aRequestArrivingOnAnIdleConnectionWithinTheIdleGraceIsAnsweredWithConnectionClose() {
        EmbeddedProxy p = idleThenDraining(IDLE_GRACE_MS);
        assertThat(p.client.isOpen()).as("the client may be sending on it right now").isTrue();

        later(p, IDLE_GRACE_MS - 1);
        p.clientSends("GET /second HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(p.serverReceived(0)).startsWith("GET /second ");
        later(p, IDLE_GRACE_MS);
        assertThat(p.client.isOpen()).as("busy: the idle grace no longer applies").isTrue();
        p.serverSends(0, OK);

        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: close");
        assertThat(p.client.isOpen()).isFalse();
    }

    @Test
    void anIdleConnectionIsClosedOnceItStayedIdleThroughTheIdleGrace() {
        EmbeddedProxy p = idleThenDraining(IDLE_GRACE_MS);

        later(p, IDLE_GRACE_MS - 1);
        assertThat(p.client.isOpen()).isTrue();
        later(p, 1);
        assertThat(p.client.isOpen()).isFalse();
        assertThat(p.serverReceived(0)).isEmpty();
    }

    @Test
    void aHeadBegunWithinTheIdleGraceIsAnsweredThoughItEndsAfterIt() {
        EmbeddedProxy p = idleThenDraining(IDLE_GRACE_MS);

        p.clientSends("GET /late HTTP/1.1\r\n");
        later(p, IDLE_GRACE_MS + 1);
        assertThat(p.client.isOpen()).as("a request is on its way").isTrue();
        p.clientSends("Host: a\r\n\r\n");
        assertThat(p.serverReceived(0)).startsWith("GET /late ");
        p.serverSends(0, OK);

        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: close");
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
        p.client.pipeline().get(ClientConnection.class).px().startDraining(IDLE_GRACE_MS);

        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        p.serverSends(0, OK);

        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200 OK\r\n").contains("connection: close");
        assertThat(p.client.isOpen()).isFalse();
    }
}
