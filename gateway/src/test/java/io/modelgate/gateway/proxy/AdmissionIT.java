package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Admission control against the real gateway and a real slow backend: a replica that takes one request at a
 * time, the queue in front of it, its timeout, and a queued client that goes away.
 */
class AdmissionIT {

    @TempDir
    Path dir;

    private static String routes(String backend, int queueSize, String timeout) {
        return """
                http:
                  routers: { r: { rule: "PathPrefix(`/`)", service: s } }
                  services:
                    s:
                      loadBalancer:
                        servers: [ { url: "%s" } ]
                        server: { maxInFlight: 1 }
                        queue: { size: %d, timeout: %s }
                """.formatted(backend, queueSize, timeout);
    }

    private static RawHttp send(int port, String path) throws Exception {
        RawHttp http = new RawHttp(port);
        http.send("GET " + path + " HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
        return http;
    }

    private static JsonNode admission(GatewayInstance gw) throws Exception {
        return gw.admin("/api/http/services/s@file").path("loadBalancer");
    }

    @Test
    void theSecondRequestQueuesAndSucceedsTheThirdBeyondTheQueueGets503WithRetryAfter() throws Exception {
        try (TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, routes(backend.url(), 1, "20s"))) {
            try (RawHttp first = send(gw.port(), "/slow?ms=1500")) {
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        admission(gw).path("servers").get(0).path("inFlight").asInt() == 1);
                try (RawHttp second = send(gw.port(), "/slow?ms=10")) {
                    await().atMost(Duration.ofSeconds(5)).until(() ->
                            admission(gw).path("admission").path("queued").asInt() == 1);
                    assertThat(backend.requests()).as("the queued request is not forwarded yet").isEqualTo(1);

                    RawHttp.Response third = RawHttp.exchange(gw.port(), "GET /x HTTP/1.1\r\nHost: x\r\n"
                            + "Accept: application/json\r\nConnection: close\r\n\r\n");
                    assertThat(third.status()).isEqualTo(503);
                    assertThat(third.header("Retry-After")).isEqualTo("20");
                    assertThat(third.header("Content-Type")).contains("json");
                    assertThat(third.bodyText()).contains("admission queue full");

                    assertThat(first.read().status()).isEqualTo(200);
                    RawHttp.Response queued = second.read();
                    assertThat(queued.status()).as("served once the first was done").isEqualTo(200);
                    assertThat(queued.bodyText()).contains("/slow?ms=10");
                }
            }
            assertThat(backend.requests()).as("the refused one never reached the backend").isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    admission(gw).path("servers").get(0).path("inFlight").asInt() == 0);
            JsonNode counts = admission(gw).path("admission");
            assertThat(counts.path("queuedTotal").asInt()).isEqualTo(1);
            assertThat(counts.path("refusedFull").asInt()).isEqualTo(1);
            assertThat(gw.admin("/api/problems").toString()).doesNotContain("not supported yet");
        }
    }

    @Test
    void aWaitLongerThanTheQueueTimeoutGets503() throws Exception {
        try (TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, routes(backend.url(), 2, "300ms"))) {
            try (RawHttp first = send(gw.port(), "/slow?ms=2500")) {
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        admission(gw).path("servers").get(0).path("inFlight").asInt() == 1);
                long start = System.nanoTime();
                RawHttp.Response waited = RawHttp.exchange(gw.port(), "GET /y HTTP/1.1\r\nHost: x\r\n"
                        + "Accept: application/json\r\nConnection: close\r\n\r\n");
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertThat(waited.status()).isEqualTo(503);
                assertThat(waited.header("Retry-After")).isEqualTo("1");
                assertThat(waited.bodyText()).contains("admission queue timeout");
                assertThat(tookMs).as("waited for the queue timeout, not the slow request").isBetween(250L, 2400L);
                assertThat(first.read().status()).isEqualTo(200);
            }
            assertThat(backend.requests()).isEqualTo(1);
            assertThat(admission(gw).path("admission").path("timedOut").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aQueuedClientThatGoesAwayLeavesTheQueue() throws Exception {
        try (TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, routes(backend.url(), 1, "20s"))) {
            try (RawHttp first = send(gw.port(), "/slow?ms=2000")) {
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        admission(gw).path("servers").get(0).path("inFlight").asInt() == 1);
                RawHttp gone = send(gw.port(), "/gone");
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        admission(gw).path("admission").path("queued").asInt() == 1);
                gone.close();
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        admission(gw).path("admission").path("queued").asInt() == 0);
                try (RawHttp next = send(gw.port(), "/next")) { // the place is free again: a queue of one takes it
                    assertThat(first.read().status()).isEqualTo(200);
                    RawHttp.Response r = next.read();
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.bodyText()).contains("/next");
                }
            }
            assertThat(backend.requests()).as("the gone client's request was never forwarded").isEqualTo(2);
        }
    }

    @Test
    void aStickyRequestWaitsForItsOwnServerWhileAnUnboundOneTakesTheFreeServer() throws Exception {
        try (TestBackend one = new TestBackend("one"); TestBackend two = new TestBackend("two");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers: { r: { rule: "PathPrefix(`/`)", service: s } }
                       services:
                         s:
                           loadBalancer:
                             servers: [ { url: "%s" }, { url: "%s" } ]
                             sticky: { key: "query:session" }
                             server: { maxInFlight: 1 }
                             queue: { size: 4, timeout: 20s }
                     """.formatted(one.url(), two.url()))) {
            String home = RawHttp.exchange(gw.port(), "GET /x?session=A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .header("X-Backend");
            String other = home.equals("one") ? "two" : "one";
            try (RawHttp busy = send(gw.port(), "/slow?ms=1500&session=A")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> admission(gw).path("admission").path("queued").asInt() == 0
                        && inFlightTotal(gw) == 1);
                try (RawHttp sticky = send(gw.port(), "/y?session=A")) {
                    await().atMost(Duration.ofSeconds(5)).until(() ->
                            admission(gw).path("admission").path("queued").asInt() == 1);
                    RawHttp.Response unbound = RawHttp.exchange(gw.port(), "GET /z HTTP/1.1\r\nHost: x\r\n"
                            + "Connection: close\r\n\r\n");
                    assertThat(unbound.status()).isEqualTo(200);
                    assertThat(unbound.header("X-Backend")).as("no affinity: the free server, at once").isEqualTo(other);
                    assertThat(busy.read().status()).isEqualTo(200);
                    RawHttp.Response waited = sticky.read();
                    assertThat(waited.status()).isEqualTo(200);
                    assertThat(waited.header("X-Backend")).as("bound: waited for its own server").isEqualTo(home);
                }
            }
        }
    }

    private static int inFlightTotal(GatewayInstance gw) throws Exception {
        int n = 0;
        for (JsonNode s : admission(gw).path("servers")) {
            n += s.path("inFlight").asInt();
        }
        return n;
    }
}
