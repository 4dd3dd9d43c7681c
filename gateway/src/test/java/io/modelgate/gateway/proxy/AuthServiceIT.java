package io.modelgate.gateway.proxy;

import io.modelgate.gateway.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.JarProcess;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway, the real auth-service (its jar, as a process, with its embedded store) and a backend: the
 * whole forward-auth contract as API clients meet it.
 */
class AuthServiceIT {

    private static final String SECRET = "it-admin-secret-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    static String token(int adminPort, String user, String scopes) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/tokens"))
                .header("Authorization", "Bearer " + SECRET).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"" + user + "\",\"plan\":\"free\",\"scopes\":[" + scopes + "]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(r.body()).get("token").asString();
    }

    private static void revoke(int adminPort, String token) throws Exception {
        String id = token.substring(4, 20);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/tokens/" + id))
                .header("Authorization", "Bearer " + SECRET).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(204);
    }

    private static RawHttp.Response call(GatewayInstance gw, String host, String path, String headers) throws Exception {
        return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                + "X-Auth-User: mallory\r\nConnection: close\r\n\r\n");
    }

    /** Requests that asked the auth service, by the gateway's own counter. */
    private static double misses(GatewayInstance gw, String middleware) throws Exception {
        Matcher m = Pattern.compile("modelgate_forwardauth_cache_total\\{[^}]*middleware=\"" + Pattern.quote(middleware)
                + "\"[^}]*result=\"miss\"[^}]*} (\\S+)").matcher(gw.adminText("/metrics"));
        assertThat(m.find()).as("miss counter of %s on /metrics", middleware).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theForwardAuthContractWithTheRealAuthService() throws Exception {
        int adminPort = FreePorts.next();
        JarProcess auth = new JarProcess("auth-service/target/modelgate-auth.jar", dir, "server.port", List.of(),
                List.of("--modelgate.auth.data-dir=" + dir.resolve("auth-data"), "--modelgate.auth.admin.port=" + adminPort,
                        "--modelgate.auth.admin.address=127.0.0.1", "--modelgate.auth.cache-max-age=30s"),
                Map.of("MODELGATE_AUTH_ADMIN_SECRET", SECRET));
        try (auth; TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers:
                         api:   { rule: "Host(`api`) && PathPrefix(`/api/v1`)", service: model, middlewares: [auth] }
                         short: { rule: "Host(`short`) && PathPrefix(`/api/v1`)", service: model, middlewares: [authShort] }
                       middlewares:
                         auth:      { forwardAuth: { address: "%1$s/auth", authResponseHeaders: [X-Auth-User, X-Auth-Plan, X-Auth-Token-Id] } }
                         authShort: { forwardAuth: { address: "%1$s/auth", authResponseHeaders: [X-Auth-User], maxCacheTtl: 2s } }
                       services:
                         model: { loadBalancer: { servers: [ { url: "%2$s" } ] } }
                     """.formatted(auth.url(), backend.url()))) {
            String alice = token(adminPort, "alice", "\"sentiment\"");
            String bob = token(adminPort, "bob", "\"*\"");

            RawHttp.Response none = call(gw, "api", "/api/v1/sentiment/predict", "");
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(none.bodyText()).contains("missing token");
            RawHttp.Response unknown = call(gw, "api", "/api/v1/sentiment/predict",
                    "Authorization: Bearer mgt_0123456789abcdef_" + "A".repeat(43) + "\r\n");
            assertThat(unknown.status()).isEqualTo(401);
            assertThat(unknown.header("WWW-Authenticate")).contains("invalid_token");
            assertThat(call(gw, "api", "/api/v1/ner/predict", "Authorization: Bearer " + alice + "\r\n").status())
                    .as("alice's token does not cover the ner model").isEqualTo(403);
            assertThat(backend.requests()).as("nothing forwarded so far").isZero();

            RawHttp.Response ok = call(gw, "api", "/api/v1/sentiment/predict", "Authorization: Bearer " + alice + "\r\n");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(backend.last().headers().getAll("X-Auth-User")).containsExactly("alice");
            assertThat(backend.last().headers().get("X-Auth-Plan")).isEqualTo("free");
            assertThat(backend.last().headers().get("X-Auth-Token-Id")).isEqualTo(alice.substring(4, 20));
            assertThat(call(gw, "api", "/api/v1/sentiment/predict?api_key=" + bob, "").status()).isEqualTo(200);
            assertThat(backend.last().headers().getAll("X-Auth-User")).containsExactly("bob");
            assertThat(call(gw, "api", "/api/v1/sentiment/x", "X-API-Key: " + bob + "\r\n").status()).isEqualTo(200);

            double before = misses(gw, "auth@file");
            for (int i = 0; i < 100; i++) {
                assertThat(call(gw, "api", "/api/v1/sentiment/predict?i=" + i, "Authorization: Bearer " + alice + "\r\n").status())
                        .isEqualTo(200);
            }
            assertThat(misses(gw, "auth@file") - before).as("auth calls for 100 requests, max-age=30").isLessThanOrEqualTo(2);

            assertThat(call(gw, "short", "/api/v1/sentiment/p", "Authorization: Bearer " + bob + "\r\n").status()).isEqualTo(200);
            revoke(adminPort, bob);
            long revokedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
                    call(gw, "short", "/api/v1/sentiment/p", "Authorization: Bearer " + bob + "\r\n").status() == 401);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("refused within the 2 s the decision may live")
                    .isLessThan(Duration.ofMillis(2_000 + 1_000));

            auth.close();
            int forwarded = backend.requests();
            RawHttp.Response down = call(gw, "api", "/api/v1/other/predict", "Authorization: Bearer " + alice + "\r\n"
                    + "Accept: application/json\r\n");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.bodyText()).contains("auth service unavailable");
            assertThat(call(gw, "api", "/api/v1/sentiment/predict", "").status()).as("no credential, nothing cached").isEqualTo(503);
            assertThat(backend.requests()).as("nothing forwarded while the auth service is down").isEqualTo(forwarded);
        }
    }
}
