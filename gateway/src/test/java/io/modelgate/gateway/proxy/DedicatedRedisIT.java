package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.RedisServer;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two gateways share dedicated-instance leases through a real Redis. */
class DedicatedRedisIT {

    @TempDir
    Path dir;

    static RawHttp.Response user(GatewayInstance gw, String user) throws IOException {
        return RawHttp.exchange(gw.port(), "GET /watchful/ HTTP/1.1\r\nHost: x\r\nX-User: " + user
                + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
    }

    @Test
    void twoGatewaysNeverHandOutTheSameInstance() throws Exception {
        try (RedisServer redis = new RedisServer(); TestBackend a = new TestBackend("a"); TestBackend b = new TestBackend("b")) {
            String routes = """
                    http:
                      routers: { w: { rule: "PathPrefix(`/watchful`)", service: w } }
                      services:
                        w: { loadBalancer: { servers: [ { url: "%s" }, { url: "%s" } ], sticky: { key: "header:X-User", dedicated: true } } }
                    """.formatted(a.url(), b.url());
            try (GatewayInstance one = new GatewayInstance(dir, routes, "--modelgate.redis.url=" + redis.url());
                 GatewayInstance two = new GatewayInstance(Files.createDirectories(dir.resolve("two")), routes,
                         "--modelgate.redis.url=" + redis.url())) {
                RawHttp.Response u1 = user(one, "u1");
                assertThat(u1.status()).isEqualTo(200);
                RawHttp.Response u2 = user(two, "u2");
                assertThat(u2.status()).isEqualTo(200);
                assertThat(u2.header("X-Backend")).as("the other gateway gives u2 the other instance")
                        .isNotEqualTo(u1.header("X-Backend"));
                assertThat(user(one, "u3").status()).isEqualTo(503);
                assertThat(user(two, "u3").bodyText()).contains("no free instance");
                for (int i = 0; i < 5; i++) {
                    assertThat(user(two, "u1").header("X-Backend")).isEqualTo(u1.header("X-Backend"));
                    assertThat(user(one, "u2").header("X-Backend")).isEqualTo(u2.header("X-Backend"));
                }
            }
        }
    }
}
