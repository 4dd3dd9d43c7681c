package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.JarProcess;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway with the real error-pages service (its jar, as a process): pages, JSON, overrides, then stopped. */
class ErrorPagesServiceIT {

    @TempDir
    Path dir;

    @Test
    void realPagesThenBuiltInOnesOnceTheServiceIsGone() throws Exception {
        Path overrides = Files.createDirectories(dir.resolve("overrides"));
        Files.writeString(overrides.resolve("502.html"), "<p>our own 502</p>");
        JarProcess pages = new JarProcess("error-pages/target/modelgate-error-pages.jar",
                List.of("--modelgate.error-pages.dir=" + overrides), Map.of(), dir);
        try (pages; TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers:
                         api: { rule: "PathPrefix(`/api/v1`)", service: model, middlewares: [pages] }
                       middlewares:
                         pages: { errors: { status: ["500-599"], service: error-pages } }
                       services:
                         model:       { loadBalancer: { servers: [ { url: "%s" } ] } }
                         error-pages: { loadBalancer: { servers: [ { url: "%s" } ] } }
                     """.formatted(backend.url(), pages.url()), "--modelgate.errors.service=error-pages@file")) {
            RawHttp.Response html = ErrorsIT.get(gw, "api", "/api/v1/status/503", "");
            assertThat(html.status()).isEqualTo(503);
            assertThat(html.header("Content-Type")).startsWith("text/html");
            assertThat(html.bodyText()).contains("Service unavailable").contains("<style");

            RawHttp.Response json = ErrorsIT.get(gw, "api", "/api/v1/status/503", "Accept: application/json\r\n");
            assertThat(json.status()).isEqualTo(503);
            assertThat(json.header("Content-Type")).startsWith("application/json");
            assertThat(json.bodyText()).contains("\"status\":503").contains("Service unavailable");

            assertThat(ErrorsIT.get(gw, "api", "/api/v1/status/502", "").bodyText()).isEqualTo("<p>our own 502</p>");
            RawHttp.Response notFound = ErrorsIT.get(gw, "other", "/nothing", "");
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.bodyText()).as("the gateway's own 404, from the pages").contains("<style");

            pages.close();
            RawHttp.Response builtIn = ErrorsIT.get(gw, "api", "/api/v1/status/504", "");
            assertThat(builtIn.status()).isEqualTo(504);
            assertThat(builtIn.bodyText()).contains("504 Gateway Timeout").doesNotContain("class=\"brand\"");
            assertThat(ErrorsIT.get(gw, "api", "/api/v1/predict", "").status()).as("the route stays up").isEqualTo(200);
        }
    }
}
