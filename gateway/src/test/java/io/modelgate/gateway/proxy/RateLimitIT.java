package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.RedisServer;
import io.modelgate.gateway.testsupport.SteadyLoad;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rateLimit against real backends: per user, shared by routers, cluster-wide through a real Redis, and without it. */
class RateLimitIT {

    @TempDir
    Path dir;

    static String htpasswd(String user, String password) throws Exception {
        Process p = new ProcessBuilder("htpasswd", "-nbB", user, password).redirectErrorStream(true).start();
        String entry = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor()).isZero();
        return entry;
    }

    static RawHttp.Response get(int port, String path, String user) throws IOException {
        String auth = user == null ? "" : "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":pw-" + user).getBytes(StandardCharsets.UTF_8)) + "\r\n";
        return RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + auth
                + "Accept: application/json\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aUserOverTheLimitGets429WithRetryAfterWhileAnotherIsServed() throws Exception {
        Path users = Files.writeString(dir.resolve("htpasswd"), htpasswd("alice", "pw-alice") + "\n"
                + htpasswd("bob", "pw-bob") + "\n");
        try (TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers:
                         predict: { rule: "PathPrefix(`/predict`)", service: s, middlewares: [auth, perUser] }
                         embed: { rule: "PathPrefix(`/embed`)", service: s, middlewares: [auth, perUser] }
                       middlewares:
                         auth: { basicAuth: { usersFile: "%s" } }
                         perUser: { rateLimit: { average: 1, period: 1m, burst: 2, sourceCriterion: { user: true } } }
                       services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                     """.formatted(users, backend.url()))) {
            assertThat(get(gw.port(), "/predict", "alice").status()).isEqualTo(200);
            assertThat(get(gw.port(), "/embed", "alice").status()).isEqualTo(200);
            int forwarded = backend.requests();

            RawHttp.Response over = get(gw.port(), "/predict", "alice");
            assertThat(over.status()).isEqualTo(429);
            assertThat(Integer.parseInt(over.header("Retry-After"))).as("a token per minute").isBetween(1, 60);
            assertThat(over.header("RateLimit-Limit")).isEqualTo("1");
            assertThat(over.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(over.header("RateLimit-Reset")).isEqualTo(over.header("Retry-After"));
            assertThat(over.header("Content-Type")).contains("json");
            assertThat(over.bodyText()).contains("too many requests");
            assertThat(get(gw.port(), "/embed", "alice").status()).as("the other router shares the bucket").isEqualTo(429);
            assertThat(backend.requests()).as("nothing forwarded over the limit").isEqualTo(forwarded);

            assertThat(get(gw.port(), "/predict", "bob").status()).as("another user has his own bucket").isEqualTo(200);
            assertThat(gw.adminText("/metrics")).contains("modelgate_ratelimit_rejected_total{middleware=\"perUser@file\"} 2.0");
        }
    }

    static final String SHARED_LIMIT = """
            http:
              routers: { r: { rule: "PathPrefix(`/`)", service: s, middlewares: [limit] } }
              middlewares:
                limit: { rateLimit: { average: %d, period: 1s, burst: %d } }
              services: { s: { loadBalancer: { servers: [ { url: "%s" } ] } } }
            """;

    @Test
    void twoGatewaysSharingRedisHoldTheCombinedRate() throws Exception {
        int average = 20;
        int burst = 5;
        try (RedisServer redis = new RedisServer(); TestBackend backend = new TestBackend("model")) {
            String routes = SHARED_LIMIT.formatted(average, burst, backend.url());
            try (GatewayInstance one = new GatewayInstance(dir, routes, "--modelgate.redis.url=" + redis.url());
                 GatewayInstance two = new GatewayInstance(Files.createDirectories(dir.resolve("two")), routes,
                         "--modelgate.redis.url=" + redis.url())) {
                Map<Integer, AtomicInteger> passed = new ConcurrentHashMap<>();
                Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
                long start = System.nanoTime();
                long end = start + Duration.ofSeconds(4).toNanos();
                Thread[] clients = new Thread[4];
                for (int i = 0; i < clients.length; i++) {
                    int port = i % 2 == 0 ? one.port() : two.port();
                    clients[i] = Thread.ofPlatform().start(() -> {
                        while (System.nanoTime() < end) {
                            try {
                                int status = get(port, "/", null).status();
                                (status == 200 ? passed : refused).computeIfAbsent(port, p -> new AtomicInteger())
                                        .incrementAndGet();
                            } catch (IOException e) {
                                refused.computeIfAbsent(-1, p -> new AtomicInteger()).incrementAndGet();
                            }
                        }
                    });
                }
                for (Thread t : clients) {
                    t.join();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                int total = passed.values().stream().mapToInt(AtomicInteger::get).sum();
                double allowed = burst + average * seconds;
                assertThat(refused).as("no request failed").doesNotContainKey(-1);
                assertThat(passed).as("both gateways served").containsKeys(one.port(), two.port());
                assertThat(refused).as("both gateways were over the limit").containsKeys(one.port(), two.port());
                assertThat((double) total).as("%d passed in %.2f s; the shared limit allows %.1f", total, seconds, allowed)
                        .isBetween(allowed * 0.9, allowed * 1.1);
            }
        }
    }

    /** Redis killed (SIGKILL) under a steady load on two gateways, one per {@code redis-failure} policy. */
    @Test
    void redisKilledUnderLoadAppliesThePolicyVisiblyAndRecovers() throws Exception {
        try (RedisServer redis = new RedisServer(); TestBackend backend = new TestBackend("model")) {
            String routes = SHARED_LIMIT.formatted(1000, 1000, backend.url());
            try (GatewayInstance local = new GatewayInstance(dir, routes, "--modelgate.redis.url=" + redis.url());
                 GatewayInstance deny = new GatewayInstance(Files.createDirectories(dir.resolve("deny")), routes,
                         "--modelgate.redis.url=" + redis.url(), "--modelgate.ratelimit.redis-failure=deny")) {
                assertThat(get(local.port(), "/", null).status()).isEqualTo(200);
                assertThat(get(deny.port(), "/", null).status()).isEqualTo(200);
                assertThat(local.adminText("/api/problems")).doesNotContain("Redis");

                SteadyLoad load = new SteadyLoad(100, 60, 4,
                        SteadyLoad.Target.get("policy local", local.port(), "/", "Accept: application/json"),
                        SteadyLoad.Target.get("policy deny", deny.port(), "/", "Accept: application/json"));
                long start = SteadyLoad.now();
                long killed;
                long recovered;
                try {
                    await().atMost(Duration.ofSeconds(10)).until(() -> load.summary("policy deny").requests() >= 50);
                    killed = SteadyLoad.now();
                    redis.kill();
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                            assertThat(get(deny.port(), "/", null).status()).isEqualTo(503));
                    RawHttp.Response denied = get(deny.port(), "/", null);
                    assertThat(denied.header("Retry-After")).isEqualTo("1");
                    assertThat(denied.bodyText()).contains("rate limit unavailable");
                    assertThat(deny.adminText("/api/problems")).contains("Redis does not answer").contains("503");
                    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(local.adminText("/api/problems"))
                            .contains("Redis does not answer").contains("per gateway"));
                    assertThat(get(local.port(), "/", null).status()).as("local policy: per-gateway buckets").isEqualTo(200);

                    redis.start();
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        assertThat(get(deny.port(), "/", null).status()).isEqualTo(200);
                        assertThat(deny.adminText("/api/problems")).doesNotContain("Redis");
                        assertThat(local.adminText("/api/problems")).doesNotContain("Redis");
                    });
                    recovered = SteadyLoad.now();
                    await().atMost(Duration.ofSeconds(10)).until(() ->
                            load.summary("policy deny", recovered, SteadyLoad.now()).requests() >= 50);
                } finally {
                    load.stop();
                }
                SteadyLoad.Summary localAll = load.summary("policy local");
                SteadyLoad.Summary denyBefore = load.completedWithin("policy deny", start, killed);
                SteadyLoad.Summary denyOutage = load.summary("policy deny", killed, recovered);
                SteadyLoad.Summary denyAfter = load.summary("policy deny", recovered, SteadyLoad.now());
                load.report(String.format("redis killed, back after %.1f s", (recovered - killed) / 1e9),
                        localAll, denyBefore, denyOutage, denyAfter);
                assertThat(localAll.notStatus(200)).as("the local gateway served throughout: %s", localAll).isZero();
                assertThat(denyBefore.notStatus(200)).as("deny, before: %s", denyBefore).isZero();
                assertThat(denyOutage.count(503)).as("deny refuses while Redis is gone: %s", denyOutage).isPositive();
                assertThat(denyOutage.statuses().keySet()).as("deny, outage: %s", denyOutage).isSubsetOf(200, 503);
                assertThat(denyAfter.notStatus(200)).as("deny, recovered: %s", denyAfter).isZero();
                assertThat(local.adminText("/metrics")).containsPattern("modelgate_ratelimit_redis_fallbacks_total [1-9]");
            }
        }
    }
}
