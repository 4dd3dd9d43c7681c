package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** circuitBreaker against a real backend that goes away and comes back: opens, refuses at once, closes. */
class CircuitBreakerIT {

    @TempDir
    Path dir;

    static String routes(String url) {
        return """
                http:
                  routers:
                    predict: { rule: "PathPrefix(`/predict`)", service: s, middlewares: [cb] }
                  middlewares:
                    cb: { circuitBreaker: { expression: "NetworkErrorRatio() > 0.5", fallbackDuration: 1s, recoveryDuration: 5s } }
                  services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                """.formatted(url);
    }

    static RawHttp.Response get(GatewayInstance gw) throws IOException {
        return RawHttp.exchange(gw.port(), "GET /predict HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n"
                + "Connection: close\r\n\r\n");
    }

    @Test
    void opensOnAFailingBackendRefusesWithoutForwardingAndClosesAfterRecovery() throws Exception {
        TestBackend first = new TestBackend("model");
        try (GatewayInstance gw = new GatewayInstance(dir, routes(first.url()))) {
            assertThat(get(gw).status()).isEqualTo(200);
            // it dies, keep-alive connections included: with them served on, the window would hold as many
            // successes as refused connects and NetworkErrorRatio() > 0.5 would never hold (Traefik's neither)
            first.kill();

            int failures = 0;
            RawHttp.Response open = get(gw);
            for (int i = 0; i < 10 && open.status() != 503; i++) {
                failures += open.status() == 502 ? 1 : 0;
                open = get(gw);
            }
            assertThat(failures).as("network errors before it opened").isPositive();
            assertThat(open.status()).isEqualTo(503);
            assertThat(open.header("Content-Type")).contains("json");
            assertThat(open.bodyText()).contains("circuit breaker open");

            try (TestBackend second = new TestBackend("model")) {
                long generation = gw.generation();
                gw.writeRoutes(routes(second.url()));
                await().atMost(Duration.ofSeconds(10)).until(() -> gw.generation() > generation);
                RawHttp.Response stillOpen = get(gw);
                if (stillOpen.status() == 503) {
                    assertThat(second.requests()).as("an open circuit forwards nothing").isZero();
                }
                // after fallbackDuration (1 s) the breaker lets test calls through; successes close it
                await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200)).until(() -> get(gw).status() == 200);
                for (int i = 0; i < 5; i++) {
                    assertThat(get(gw).status()).as("closed again").isEqualTo(200);
                }
                assertThat(second.requests()).isGreaterThanOrEqualTo(6);
            }
        }
    }
}
