package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.proxy.http.EncodedCharacters;
import io.modelgate.gateway.testsupport.EdgeCorpus;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The edge corpus ({@code edge/corpus.tsv}) through the whole data plane on embedded channels, and the head
 * deadline and body rate on the embedded clock. {@code EdgeCorpusIT} replays the same corpus over sockets.
 */
class EdgeCorpusTest {

    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    static Stream<EdgeCorpus.Case> corpus() {
        return EdgeCorpus.load().stream().filter(c -> !c.viaAuth());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachCaseGetsItsAnswer(EdgeCorpus.Case c) {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.client.writeInbound(Unpooled.wrappedBuffer(c.raw()));
        p.client.runPendingTasks();
        if (c.local()) {
            assertThat(p.upstreams).as("nothing forwarded").isEmpty();
            String got = p.clientReceived();
            assertThat(got).startsWith("HTTP/1.1 " + c.status() + " ");
            if (c.status() >= 400) {
                assertThat(got).containsIgnoringCase("connection: close");
                assertThat(p.client.isOpen()).as("connection closed").isFalse();
            }
            return;
        }
        String sent = p.serverReceived(0);
        String requestLine = sent.substring(0, sent.indexOf("\r\n"));
        assertThat(c.failures(requestLine.split(" ")[1], headers(sent))).as(sent).isEmpty();
        p.serverSends(0, OK);
        assertThat(p.clientReceived()).matches("(?s)HTTP/1\\.[01] 200 .*");
    }

    /** What the backend got, as the IT's echo backend reports it: lower-case names, repeated ones joined by ','. */
    static Map<String, String> headers(String head) {
        Map<String, String> out = new TreeMap<>();
        for (String line : head.substring(head.indexOf("\r\n") + 2, head.indexOf("\r\n\r\n")).split("\r\n")) {
            int colon = line.indexOf(':');
            out.merge(line.substring(0, colon).toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(), (a, b) -> a + "," + b);
        }
        return out;
    }

    private static EmbeddedProxy withLimits(EdgeLimits edge) {
        return new EmbeddedProxy(EmbeddedProxy.route(List.of("http://10.0.0.1:8000"), List.of()), 16, 0, edge);
    }

    @Test
    void aHeadThatTricklesInPastItsDeadlineGets408AndTheConnectionCloses() {
        EmbeddedProxy p = withLimits(new EdgeLimits(Duration.ofSeconds(10), 0, Duration.ofSeconds(60), EncodedCharacters.STRICT));
        p.clientSends("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 9; i++) {
            p.client.advanceTimeBy(1, TimeUnit.SECONDS);
            p.clientSends("X-" + i + ": y\r\n"); // a byte now and then resets an inactivity timer, not this one
        }
        assertThat(p.clientReceived()).as("9 s in: not yet").isEmpty();
        p.client.advanceTimeBy(1001, TimeUnit.MILLISECONDS);
        p.client.runPendingTasks();
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 408 ").containsIgnoringCase("connection: close");
        assertThat(p.client.isOpen()).isFalse();
        assertThat(p.upstreams).as("nothing forwarded").isEmpty();
        assertThat(p.px.headTimeouts()).isEqualTo(1);
    }

    @Test
    void theHeadDeadlineStartsWithTheHeadNotWithTheConnection() {
        EmbeddedProxy p = withLimits(new EdgeLimits(Duration.ofSeconds(10), 0, Duration.ofSeconds(60), EncodedCharacters.STRICT));
        p.client.advanceTimeBy(30, TimeUnit.SECONDS); // an idle connection: the idle timeout's business
        p.client.runPendingTasks();
        p.clientSends("GET / HTTP/1.1\r\nHost: a\r\n");
        p.client.advanceTimeBy(9, TimeUnit.SECONDS);
        p.client.runPendingTasks();
        p.clientSends("\r\n");
        assertThat(p.serverReceived(0)).startsWith("GET / HTTP/1.1");
        p.serverSends(0, OK);
        assertThat(p.clientReceived()).startsWith("HTTP/1.1 200 ");
        assertThat(p.px.headTimeouts()).isZero();
    }

    @Test
    void aBodySlowerThanTheMinimumRateGets408ButASlowUploadAboveItPasses() {
        EdgeLimits edge = new EdgeLimits(Duration.ofSeconds(10), 128, Duration.ofSeconds(60), EncodedCharacters.STRICT);
        EmbeddedProxy slow = withLimits(edge);
        slow.clientSends("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n");
        int seconds = 0;
        while (seconds < 120) {
            slow.client.advanceTimeBy(1, TimeUnit.SECONDS);
            slow.client.runPendingTasks();
            if (!slow.client.isOpen()) {
                break;
            }
            seconds++;
            slow.clientSends("x".repeat(100)); // 100 B/s: every read resets the read timeout, the rate still fails
        }
        assertThat(seconds).as("refused once a 60 s window came up short").isBetween(59, 61);
        assertThat(slow.clientReceived()).startsWith("HTTP/1.1 408 ");
        assertThat(slow.client.isOpen()).isFalse();
        assertThat(slow.px.slowBodies()).isEqualTo(1);

        EmbeddedProxy upload = withLimits(edge);
        upload.clientSends("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 60000\r\n\r\n");
        for (int s = 0; s < 200; s++) {
            upload.client.advanceTimeBy(1, TimeUnit.SECONDS);
            upload.clientSends("x".repeat(300)); // 300 B/s for 200 s: slow, but above the minimum
        }
        upload.serverSends(0, OK);
        assertThat(upload.clientReceived()).startsWith("HTTP/1.1 200 ");
        assertThat(upload.px.slowBodies()).isZero();
    }

    @Test
    void encodedSlashesPassWhereTheEntryPointAllowsThem() {
        EmbeddedProxy p = withLimits(new EdgeLimits(Duration.ofSeconds(10), 0, Duration.ofSeconds(60),
                new EncodedCharacters(true, false, false, false)));
        p.clientSends("GET /a%2Fb HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(p.serverReceived(0)).startsWith("GET /a%2Fb HTTP/1.1");
        EmbeddedProxy q = withLimits(new EdgeLimits(Duration.ofSeconds(10), 0, Duration.ofSeconds(60),
                new EncodedCharacters(true, false, false, false)));
        q.clientSends("GET /a%5Cb HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(q.clientReceived()).startsWith("HTTP/1.1 400 ").contains("%5C");
    }

    @Test
    void aBadHeadPipelinedBehindAGoodOneIsRefusedAfterTheFirstIsAnswered() {
        EmbeddedProxy p = new EmbeddedProxy("http://10.0.0.1:8000");
        p.clientSends("GET /1 HTTP/1.1\r\nHost: a\r\n\r\nGET /2 HTTP/1.1\r\nHost: a\r\nX: 1\r\n folded\r\n\r\n");
        assertThat(p.serverReceived(0)).startsWith("GET /1 ").doesNotContain("/2");
        p.serverSends(0, OK);
        String got = p.clientReceived();
        assertThat(got).startsWith("HTTP/1.1 200 ").contains("HTTP/1.1 400 ");
        assertThat(p.serverReceived(0)).as("the folded request is never forwarded").isEmpty();
    }
}
