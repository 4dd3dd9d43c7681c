package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.H2cBackend;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/1.1 clients against servers with {@code h2c://} urls (Netty's own HTTP/2 server, prior knowledge only): the
 * response arrives as a plain HTTP/1.1 response, response trailers go out only to a client that sent
 * {@code TE: trailers} (and {@code TE: trailers} reaches the server, no other hop-by-hop header does), request
 * trailers reach the server, a client that does not read holds the server's stream back (flow control end to end),
 * a GOAWAY retires its connection, and a server's {@code SETTINGS_MAX_CONCURRENT_STREAMS}
 * is respected by opening more connections instead of refusing requests.
 */
class H2cUpstreamIT {

    @TempDir
    static Path dir;
    static H2cBackend backend;
    static H2cBackend narrow;
    static GatewayInstance gw;

    @BeforeAll
    static void start() throws Exception {
        backend = new H2cBackend(100, 1);
        narrow = new H2cBackend(2, 6); // two streams per connection; holds answers until six requests are in
        gw = new GatewayInstance(dir, """
                http:
                  routers:
                    h2c: { rule: "PathPrefix(`/`)", service: h2c }
                    narrow: { rule: "PathPrefix(`/narrow`)", service: narrow }
                  services:
                    h2c: { loadBalancer: { servers: [ { url: "%s" } ] } }
                    narrow: { loadBalancer: { servers: [ { url: "%s" } ] } }
                """.formatted(backend.url(), narrow.url()));
    }

    @AfterAll
    static void stop() {
        gw.close();
        backend.close();
        narrow.close();
    }

    @Test
    void anHttp11ClientGetsThePlainResponseOfAnH2cServer() throws Exception {
        RawHttp.Response r = RawHttp.exchange(gw.port(), "GET /plain?x=1 HTTP/1.1\r\nHost: models.test\r\n"
                + "TE: gzip\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.version()).isEqualTo("HTTP/1.1");
        assertThat(r.bodyText()).startsWith("path=/plain?x=1 te=null trailers={} body=");
        assertThat(r.header("x-http2-stream-id")).as("Netty's extension header stays inside").isNull();
        assertThat(r.header("x-request-id")).isNotBlank();
    }

    @Test
    void responseTrailersReachAnHttp11ClientOnlyIfItSentTeTrailers() throws Exception {
        RawHttp.Response without = RawHttp.exchange(gw.port(), "GET /trailers HTTP/1.1\r\nHost: models.test\r\n\r\n");
        assertThat(without.status()).isEqualTo(200);
        assertThat(without.bodyText()).startsWith("path=/trailers te=null");
        assertThat(without.trailers()).as("no TE: trailers, no trailers").isEmpty();

        RawHttp.Response with = RawHttp.exchange(gw.port(),
                "GET /trailers HTTP/1.1\r\nHost: models.test\r\nTE: trailers\r\nConnection: TE\r\n\r\n");
        assertThat(with.status()).isEqualTo(200);
        assertThat(with.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(with.bodyText()).as("TE: trailers is forwarded to an HTTP/2 server").startsWith("path=/trailers te=trailers");
        assertThat(with.trailers()).containsEntry("x-checksum", List.of("abc123"));
    }

    @Test
    void requestTrailersOfAChunkedRequestReachTheServer() throws Exception {
        RawHttp.Response r = RawHttp.exchange(gw.port(), "POST /upload HTTP/1.1\r\nHost: models.test\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-Sig: 42\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).contains("trailers={x-sig=42}").contains("body=hello");
    }

    @Test
    void aClientThatDoesNotReadStopsTheServersStream() throws Exception {
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(64 * 1024); // before connecting: no receive-window autotuning
            client.setSoTimeout(20_000);
            client.connect(new InetSocketAddress("127.0.0.1", gw.port()));
            client.getOutputStream().write("GET /big HTTP/1.1\r\nHost: models.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // nothing is read: the gateway stops reading the stream, sends no WINDOW_UPDATE, the server waits
            await().atMost(Duration.ofSeconds(20)).until(backend::bigBlocked);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(backend::bigBlocked);
            assertThat(backend.bigSent()).as("bytes in flight: socket buffers and windows, not the body")
                    .isLessThan(H2cBackend.BIG / 2);
            InputStream in = client.getInputStream();
            String head = new String(in.readNBytes(200), StandardCharsets.US_ASCII);
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: " + H2cBackend.BIG);
            int headEnd = head.indexOf("\r\n\r\n") + 4;
            long body = 200 - headEnd;
            byte[] buf = new byte[64 * 1024];
            int n;
            while (body < H2cBackend.BIG && (n = in.read(buf)) > 0) {
                body += n;
            }
            assertThat(body).as("then the whole body comes").isEqualTo(H2cBackend.BIG);
        }
    }

    @Test
    void afterAGoawayTheNextRequestsGoOnNewConnections() throws Exception {
        // POSTs: not sent again after a failure, so one sent on the departing connection would be a 502
        Set<String> connections = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            RawHttp.Response r = RawHttp.exchange(gw.port(), "POST /goaway/" + i + " HTTP/1.1\r\nHost: models.test\r\n"
                    + "Content-Length: 2\r\n\r\nhi");
            assertThat(r.status()).as("request %d", i).isEqualTo(200);
            assertThat(r.bodyText()).startsWith("path=/goaway/" + i + " ").contains("body=hi");
            connections.add(r.bodyText().replaceAll(".*connection=(\\d+).*", "$1"));
        }
        assertThat(connections).as("each GOAWAY retires its connection").hasSize(3);
    }

    @Test
    void moreConcurrentRequestsThanTheServerAllowsPerConnectionOpenMoreConnections() throws Exception {
        // the server answers none of them until all six are in: each must have its own stream at once
        List<CompletableFuture<RawHttp.Response>> calls = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int i = 0; i < 6; i++) {
            String path = "/narrow/" + i;
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: models.test\r\n\r\n");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, clients));
        }
        for (int i = 0; i < 6; i++) {
            RawHttp.Response r = calls.get(i).get(20, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).startsWith("path=/narrow/" + i + " ");
        }
        clients.shutdown();
        assertThat(narrow.connections()).as("2 streams per connection, 6 at once").isGreaterThanOrEqualTo(3);
    }
}
