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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway with the real auth-service jar as a business runs it: users on plans, keys scoped to one
 * Kortical app ({@code ?api_key=}), suspension, a monthly quota, rotation, and two auth-service replicas on one
 * real PostgreSQL agreeing on quota and revocation.
 */
class AuthServicePlansIT {

    private static final String SECRET = "it-admin-secret-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APPS = "/api/v1/projects/demo_app/environments/prod/apps/";

    @TempDir
    Path dir;

    /** An auth-service replica's admin API. */
    private record Admin(int port) {

        JsonNode call(String method, String path, String json, int expected) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + SECRET).header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
            return r.body().isEmpty() ? null : JSON.readTree(r.body());
        }

        String token(String user, String plan, String scopesJson) throws Exception {
            return call("POST", "/tokens", "{\"user\":\"" + user + "\",\"plan\":\"" + plan + "\",\"scopes\":[" + scopesJson + "]}", 201)
                    .get("token").asString();
        }

        long quotaUsed(String user) throws Exception {
            return call("GET", "/users/" + user, null, 200).get("quotaUsed").asLong();
        }
    }

    private JarProcess auth(String name, int adminPort, String cacheMaxAge, List<String> extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--modelgate.auth.data-dir=" + dir.resolve(name),
                "--modelgate.auth.admin.port=" + adminPort, "--modelgate.auth.admin.address=127.0.0.1",
                "--modelgate.auth.cache-max-age=" + cacheMaxAge, "--modelgate.auth.counts.flush-interval=200ms"));
        args.addAll(extra);
        java.nio.file.Files.createDirectories(dir.resolve(name));
        return new JarProcess("auth-service/target/modelgate-auth.jar", dir.resolve(name), "server.port", List.of(), args,
                Map.of("MODELGATE_AUTH_ADMIN_SECRET", SECRET));
    }

    /** Routers {@code Host: a} (and {@code Host: b}) to the backend behind forwardAuth to each auth URL. */
    private static String routes(TestBackend backend, String... authUrls) {
        StringBuilder routers = new StringBuilder();
        StringBuilder middlewares = new StringBuilder();
        for (int i = 0; i < authUrls.length; i++) {
            char host = (char) ('a' + i);
            routers.append("    r").append(host).append(": { rule: \"Host(`").append(host)
                    .append("`)\", service: model, middlewares: [auth").append(host).append("] }\n");
            middlewares.append("    auth").append(host).append(": { forwardAuth: { address: \"").append(authUrls[i])
                    .append("/auth\", authResponseHeaders: [X-Auth-User, X-Auth-Plan, X-Auth-Quota-Remaining] } }\n");
        }
        return "http:\n  routers:\n" + routers + "  middlewares:\n" + middlewares
                + "  services:\n    model: { loadBalancer: { servers: [ { url: \"" + backend.url() + "\" } ] } }\n";
    }

    private static RawHttp.Response call(GatewayInstance gw, String method, String host, String path, String headers)
            throws Exception {
        return RawHttp.exchange(gw.port(), method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers
                + (method.equals("GET") ? "" : "Content-Length: 0\r\n") + "X-Auth-User: mallory\r\nConnection: close\r\n\r\n");
    }

    private static RawHttp.Response get(GatewayInstance gw, String host, String path, String token) throws Exception {
        return call(gw, "GET", host, path, "Authorization: Bearer " + token + "\r\n");
    }

    @Test
    void aPerAppKeyWorksOnItsAppAndIs403OnItsSiblingsEvenAfterA200() throws Exception {
        int adminPort = FreePorts.next();
        try (JarProcess auth = auth("auth", adminPort, "30s", List.of()); TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, routes(backend, auth.url()))) {
            Admin admin = new Admin(adminPort);
            admin.call("POST", "/plans", "{\"name\":\"kortical\",\"rate\":\"50/s\"}", 201);
            String prod = admin.token("demo_app", "kortical", "\"" + APPS + "document_tagging/\"");
            String dev = admin.token("demo_app", "kortical", "\"GET|POST /api/v1/projects/demo_app/environments/dev/\"");

            RawHttp.Response ok = call(gw, "GET", "a", APPS + "document_tagging/predict?api_key=" + prod, "");
            assertThat(ok.status()).as(ok.bodyText()).isEqualTo(200);
            assertThat(backend.last().headers().getAll("X-Auth-User")).containsExactly("demo_app");
            assertThat(backend.last().headers().get("X-Auth-Plan")).isEqualTo("kortical");
            for (int i = 0; i < 2; i++) {
                RawHttp.Response sibling = call(gw, "GET", "a", APPS + "other_app/predict?api_key=" + prod, "");
                assertThat(sibling.status()).as("the sibling app, never from the app's cached 200").isEqualTo(403);
                assertThat(sibling.bodyText()).contains("token not valid for GET " + APPS + "other_app/predict");
            }
            assertThat(call(gw, "GET", "a", APPS + "document_tagging2/predict?api_key=" + prod, "").status())
                    .as("segment-aligned").isEqualTo(403);
            assertThat(call(gw, "GET", "a", APPS + "other_app/../document_tagging/predict?api_key=" + prod, "").status())
                    .as("normalized first").isEqualTo(200);
            assertThat(call(gw, "GET", "a", APPS + "document_tagging/predict", "X-API-Key: " + prod + "\r\n").status())
                    .isEqualTo(200);
            String devApp = "/api/v1/projects/demo_app/environments/dev/apps/x/predict?api_key=" + dev;
            assertThat(call(gw, "POST", "a", devApp, "").status()).isEqualTo(200);
            assertThat(call(gw, "DELETE", "a", devApp, "").status()).as("methods narrow the scope").isEqualTo(403);
            assertThat(call(gw, "GET", "a", APPS + "document_tagging/predict?api_key=" + dev, "").status()).isEqualTo(403);
            assertThat(backend.requests()).isEqualTo(4);
        }
    }

    @Test
    void aSuspendedUsersTokensGet401WithinCacheMaxAge() throws Exception {
        int adminPort = FreePorts.next();
        try (JarProcess auth = auth("auth", adminPort, "2s", List.of()); TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, routes(backend, auth.url()))) {
            Admin admin = new Admin(adminPort);
            String token = admin.token("acme", "free", "\"*\"");
            assertThat(get(gw, "a", "/api/v1/sentiment/predict", token).status()).isEqualTo(200);
            admin.call("POST", "/users/acme/suspend", null, 200);
            long suspendedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> get(gw, "a", "/api/v1/sentiment/predict", token).status() == 401);
            assertThat(Duration.ofNanos(System.nanoTime() - suspendedAt)).as("within the 2 s a decision may live")
                    .isLessThan(Duration.ofMillis(2_000 + 1_000));
            assertThat(get(gw, "a", "/api/v1/sentiment/predict", token).bodyText()).contains("user suspended");
            admin.call("POST", "/users/acme/resume", null, 200);
            assertThat(get(gw, "a", "/api/v1/sentiment/predict", token).status()).isEqualTo(200);
        }
    }

    @Test
    void aQuotaOfNGivesN200sThen429WithRetryAfter() throws Exception {
        int adminPort = FreePorts.next();
        try (JarProcess auth = auth("auth", adminPort, "30s", List.of()); TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, routes(backend, auth.url()))) {
            Admin admin = new Admin(adminPort);
            admin.call("POST", "/plans", "{\"name\":\"trial\",\"monthlyQuota\":5}", 201);
            String token = admin.token("jane", "trial", "");
            for (int i = 1; i <= 5; i++) {
                assertThat(get(gw, "a", "/api/v1/sentiment/predict", token).status()).isEqualTo(200);
                assertThat(backend.last().headers().get("X-Auth-Quota-Remaining")).isEqualTo(Integer.toString(5 - i));
            }
            RawHttp.Response refused = get(gw, "a", "/api/v1/sentiment/predict", token);
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 31L * 24 * 3600);
            assertThat(refused.bodyText()).contains("monthly quota of 5 requests used up (plan 'trial')");
            assertThat(backend.requests()).as("every request asked about, none past the quota").isEqualTo(5);
        }
    }

    @Test
    void aRotatedKeyWorksDuringTheOverlapAndNotAfter() throws Exception {
        int adminPort = FreePorts.next();
        try (JarProcess auth = auth("auth", adminPort, "2s", List.of()); TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, routes(backend, auth.url()))) {
            Admin admin = new Admin(adminPort);
            String old = admin.token("acme", "free", "\"sentiment\"");
            assertThat(get(gw, "a", "/api/v1/sentiment/predict", old).status()).isEqualTo(200);
            JsonNode rotated = admin.call("POST", "/tokens/" + old.substring(4, 20) + "/rotate", "{\"overlap\":\"3s\"}", 201);
            long rotatedAt = System.nanoTime();
            String successor = rotated.get("token").asString();
            assertThat(get(gw, "a", "/api/v1/sentiment/predict", successor).status()).isEqualTo(200);
            assertThat(get(gw, "a", "/api/v1/sentiment/predict?fresh=1", old).status()).as("during the overlap").isEqualTo(200);
            await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100))
                    .until(() -> get(gw, "a", "/api/v1/sentiment/predict", old).status() == 401);
            assertThat(Duration.ofNanos(System.nanoTime() - rotatedAt))
                    .as("the 3 s overlap: a 200 cached before the rotation expires within it, those after end with it")
                    .isBetween(Duration.ofMillis(2_500), Duration.ofMillis(3_000 + 1_500));
            assertThat(get(gw, "a", "/api/v1/sentiment/predict", old).bodyText()).contains("token rotated");
            assertThat(get(gw, "a", "/api/v1/sentiment/predict", successor).status()).isEqualTo(200);
        }
    }

    @Test
    void twoReplicasOnOnePostgresAgreeOnQuotaAndRevocation() throws Exception {
        int admin1Port = FreePorts.next();
        int admin2Port = FreePorts.next();
        try (LocalPostgres postgres = new LocalPostgres();
             JarProcess auth1 = auth("auth1", admin1Port, "2s", postgres.authServiceArgs());
             JarProcess auth2 = auth("auth2", admin2Port, "2s", postgres.authServiceArgs());
             TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, routes(backend, auth1.url(), auth2.url()))) {
            Admin one = new Admin(admin1Port);
            Admin two = new Admin(admin2Port);
            one.call("POST", "/plans", "{\"name\":\"trial\",\"monthlyQuota\":6}", 201);
            String metered = two.token("jane", "trial", "\"sentiment\"");
            for (int i = 0; i < 3; i++) {
                assertThat(get(gw, "a", "/api/v1/sentiment/p", metered).status()).as("replica 1").isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> two.quotaUsed("jane") == 3); // replica 1 flushed
            Thread.sleep(500); // two of replica 2's flush intervals: it has read the row back
            for (int i = 0; i < 3; i++) {
                assertThat(get(gw, "b", "/api/v1/sentiment/p", metered).status()).as("replica 2").isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> one.quotaUsed("jane") == 6);
            Thread.sleep(500);
            assertThat(get(gw, "a", "/api/v1/sentiment/p", metered).status()).isEqualTo(429);
            assertThat(get(gw, "b", "/api/v1/sentiment/p", metered).status()).isEqualTo(429);
            assertThat(backend.requests()).isEqualTo(6);
            RawHttp.Response fromOne = get(gw, "a", "/api/v1/ner/p", metered);
            RawHttp.Response fromTwo = get(gw, "b", "/api/v1/ner/p", metered);
            assertThat(fromOne.status()).isEqualTo(403);
            assertThat(fromTwo.bodyText()).as("the same answer from either").isEqualTo(fromOne.bodyText());

            String cached = one.token("acme", "free", "\"*\"");
            assertThat(get(gw, "b", "/api/v1/sentiment/p", cached).status()).isEqualTo(200); // cached for 2 s
            one.call("DELETE", "/tokens/" + cached.substring(4, 20), null, 204);
            long revokedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> get(gw, "b", "/api/v1/sentiment/p", cached).status() == 401);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).as("revoked on replica 1, refused by replica 2 "
                    + "within cache-max-age").isLessThan(Duration.ofMillis(2_000 + 1_000));
        }
    }
}
