package io.modelgate.errorpages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The real app on a random port, with an override directory that tests fill and empty. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorPagesHttpTest {

    @TempDir
    static Path overrides;

    @DynamicPropertySource
    static void overrideDir(DynamicPropertyRegistry registry) {
        registry.add("modelgate.error-pages.dir", overrides::toString);
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    @AfterEach
    void emptyOverrides() throws IOException {
        try (var files = Files.list(overrides)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void htmlPage() {
        String body = get("/503.html", null, 200, "text/html; charset=utf-8");
        assertThat(body).startsWith("<!DOCTYPE html>").contains("503", "Service unavailable", "modelgate")
                .doesNotContain("http://", "https://", "src=", "<link");
    }

    @Test
    void jsonPage() {
        JsonNode json = JsonMapper.builder().build().readTree(get("/503.json", null, 200, "application/json"));
        assertThat(json.get("status").asInt()).isEqualTo(503);
        assertThat(json.get("error").asString()).isEqualTo("Service unavailable");
        assertThat(json.get("message").asString()).isEqualTo(ErrorPageCatalog.page(503).explanation());
    }

    @Test
    void pagesAreCacheableForFiveMinutes() {
        client.get().uri("/413.html").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "public, max-age=300");
        client.get().uri("/413.json").exchange().expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "public, max-age=300");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            application/json                                                 | application/json
            application/problem+json                                         | application/json
            text/html                                                        | text/html; charset=utf-8
            text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | text/html; charset=utf-8
            */*                                                              | text/html; charset=utf-8
            """)
    void withoutExtensionTheAcceptHeaderDecides(String accept, String contentType) {
        String body = get("/503", accept, 200, contentType);
        assertThat(body).contains("Service unavailable");
        client.get().uri("/503").header("Accept", accept).exchange().expectHeader().valueEquals("Vary", "Accept");
    }

    @Test
    void withoutExtensionOrAcceptItIsHtml() {
        assertThat(get("/404", null, 200, "text/html; charset=utf-8")).contains("Not found");
    }

    @Test
    void anyOtherErrorStatusGetsAGenericPage() {
        assertThat(get("/418.html", null, 200, "text/html; charset=utf-8")).contains("I&#39;m a teapot");
        assertThat(get("/599.json", null, 200, "application/json")).contains("\"Server error\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/999.html", "/399.html", "/600.json", "/200", "/abc.html", "/503.txt", "/503.html.json",
            "/0503.html", "/503/", "/503.html/x", "/", "/nothing/here", "/../etc/passwd", "/..%2F..%2Fetc%2Fpasswd",
            "/%2e%2e/503.html", "/503.html%00", "/error", "/actuator/health"})
    void everythingElseIsASmallPlain404(String path) throws Exception {
        // the JDK client sends the path exactly as written (no normalising of .. or %2F)
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(r.body()).isEqualTo("404 not found\n");
    }

    @Test
    void otherMethodsAreNotServed() {
        client.method(HttpMethod.POST).uri("/503.html").exchange().expectStatus().isNotFound()
                .expectBody(String.class).isEqualTo("404 not found\n");
    }

    @Test
    void requestDataIsNeverReflected() {
        String attack = "<script>alert(1)</script>";
        String plain = get("/502.html", null, 200, "text/html; charset=utf-8");
        String withInput = client.get().uri(u -> u.path("/502.html").queryParam("url", "{u}").build(attack))
                .header("X-Forwarded-Uri", "/x?" + attack).header("X-Original-Uri", "/y?" + attack)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(withInput).isEqualTo(plain).doesNotContain("<script", "alert");
    }

    @Test
    void anOverrideFileWinsAndAMissingOneFallsBack() throws IOException {
        Files.writeString(overrides.resolve("503.html"), "<p>Planned maintenance until 14:00</p>", StandardCharsets.UTF_8);
        Files.writeString(overrides.resolve("503.json"), "{\"status\":503,\"error\":\"maintenance\"}");

        assertThat(get("/503.html", null, 200, "text/html; charset=utf-8")).isEqualTo("<p>Planned maintenance until 14:00</p>");
        assertThat(get("/503", "application/json", 200, "application/json")).isEqualTo("{\"status\":503,\"error\":\"maintenance\"}");
        assertThat(get("/502.html", null, 200, "text/html; charset=utf-8")).contains("Bad gateway");
        assertThat(get("/502.json", null, 200, "application/json")).contains("\"Bad gateway\"");
    }

    @Test
    void overrideEditsShowUpWithoutRestart() throws IOException {
        assertThat(get("/504.html", null, 200, "text/html; charset=utf-8")).contains("Gateway timeout");
        Files.writeString(overrides.resolve("504.html"), "first");
        assertThat(get("/504.html", null, 200, "text/html; charset=utf-8")).isEqualTo("first");
        Files.writeString(overrides.resolve("504.html"), "second");
        assertThat(get("/504.html", null, 200, "text/html; charset=utf-8")).isEqualTo("second");
    }

    @Test
    void ping() {
        client.get().uri("/ping").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("OK\n");
    }

    @Test
    void theJarsHealthcheckModePingsTheApp() throws IOException {
        assertThat(HealthCheck.run(Map.of("SERVER_PORT", Integer.toString(port)))).isZero();
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(HealthCheck.run(Map.of("SERVER_PORT", Integer.toString(closed)))).isEqualTo(1);
    }

    private String get(String path, String accept, int status, String contentType) {
        WebTestClient.RequestHeadersSpec<?> spec = client.get().uri(path);
        if (accept != null) {
            spec = spec.header("Accept", accept);
        }
        EntityExchangeResult<String> r = spec.exchange().expectStatus().isEqualTo(status)
                .expectHeader().valueEquals("Content-Type", contentType)
                .expectBody(String.class).returnResult();
        return r.getResponseBody();
    }
}
