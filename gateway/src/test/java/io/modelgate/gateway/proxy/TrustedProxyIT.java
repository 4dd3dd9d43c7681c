package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client inside {@code trusted-ips} keeps its forwarding headers; the chain is appended to. */
class TrustedProxyIT {

    @TempDir
    Path dir;

    @Test
    void trustedClientsForwardedHeadersAreKept() throws Exception {
        try (TestBackend backend = new TestBackend("a");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers: { r: { rule: "PathPrefix(`/`)", service: s } }
                       services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                     """.formatted(backend.url()),
                     "--modelgate.entrypoints.web.forwarded-headers.trusted-ips=127.0.0.0/8")) {
            RawHttp.Response r = RawHttp.exchange(gw.port(), "GET / HTTP/1.1\r\nHost: internal\r\n"
                    + "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: api.example\r\n"
                    + "X-Forwarded-User: from-the-lb\r\nConnection: close\r\n\r\n");
            JsonNode h = JsonMapper.builder().build().readTree(r.bodyText()).get("headers");
            assertThat(h.get("x-forwarded-for").asString()).isEqualTo("203.0.113.7, 127.0.0.1");
            assertThat(h.get("x-forwarded-proto").asString()).isEqualTo("https");
            assertThat(h.get("x-forwarded-host").asString()).isEqualTo("api.example");
            assertThat(h.get("x-forwarded-port").asString()).isEqualTo("443");
            assertThat(h.get("x-forwarded-user").asString()).isEqualTo("from-the-lb");
        }
    }
}
