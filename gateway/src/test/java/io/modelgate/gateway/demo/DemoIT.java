package io.modelgate.gateway.demo;

import io.modelgate.gateway.testsupport.FreePorts;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.ModelgateApplication;
import io.modelgate.gateway.proxy.EntrypointServer;
import io.modelgate.gateway.testsupport.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A fresh install with no provider configured answers on the demo route at once. */
class DemoIT {

    @Test
    void withoutProvidersTheEchoRouteAnswers() throws Exception {
        int echoPort = FreePorts.next();
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(ModelgateApplication.class).run(
                "--modelgate.entrypoints.web.port=0", "--modelgate.admin.port=0",
                "--modelgate.demo.port=" + echoPort, "--modelgate.access-log.enabled=false")) {
            int port = ctx.getBean(EntrypointServer.class).port();
            RawHttp.Response r = RawHttp.exchange(port,
                    "GET /api/v1/echo/hello?x=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(r.status()).isEqualTo(200);
            JsonNode body = JsonMapper.builder().build().readTree(r.bodyText());
            assertThat(body.get("uri").asString()).isEqualTo("/api/v1/echo/hello?x=1");
            assertThat(body.get("headers").get("x-forwarded-for").asString()).isEqualTo("127.0.0.1");
            assertThat(RawHttp.exchange(port, "GET /elsewhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .status()).isEqualTo(404);
        }
    }
}
