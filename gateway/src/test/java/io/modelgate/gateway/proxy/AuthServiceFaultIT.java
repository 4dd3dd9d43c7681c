package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.JarProcess;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.SteadyLoad;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real auth-service killed (SIGKILL) and started again on its port, under a steady load of authenticated
 * requests and of requests on a route without auth. While it is gone the gateway fails closed — every
 * authenticated request gets 503 and none reaches the model — the other route is untouched, and once the
 * service is back (same embedded store, so the same tokens) requests pass again without any action.
 * The decision cache is off ({@code maxCacheTtl: 0s}) so that every request asks the auth service.
 */
class AuthServiceFaultIT {

    private static final String SECRET = "it-admin-secret-0123456789";
    private static final String JAR = "auth-service/target/modelgate-auth.jar";

    @TempDir
    Path dir;

    private volatile String phase = "before";

    @Test
    void killedAuthServiceFailsClosedUnderLoadAndRecoversWhenRestarted() throws Exception {
        int adminPort = FreePorts.next();
        int authPort = FreePorts.next();
        List<String> args = List.of("--modelgate.auth.data-dir=" + dir.resolve("auth-data"),
                "--modelgate.auth.admin.port=" + adminPort, "--modelgate.auth.admin.address=127.0.0.1");
        Map<String, String> env = Map.of("MODELGATE_AUTH_ADMIN_SECRET", SECRET);
        JarProcess auth = new JarProcess(JAR, dir, "server.port", authPort, List.of(), args, env);
        JarProcess restarted = null;
        try (TestBackend model = new TestBackend("model"); TestBackend open = new TestBackend("open");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers:
                         api:  { rule: "PathPrefix(`/api/v1`)", service: model, middlewares: [auth] }
                         open: { rule: "PathPrefix(`/open`)", service: open }
                       middlewares:
                         auth: { forwardAuth: { address: "%s/auth", authResponseHeaders: [X-Auth-User], maxCacheTtl: 0s } }
                       services:
                         model: { loadBalancer: { servers: [ { url: "%s" } ] } }
                         open:  { loadBalancer: { servers: [ { url: "%s" } ] } }
                     """.formatted(auth.url(), model.url(), open.url()))) {
            String token = AuthServiceIT.token(adminPort, "alice", "\"*\"");
            String authorization = "Authorization: Bearer " + token + "\r\n";
            SteadyLoad.Target authed = new SteadyLoad.Target("authenticated", gw.port(), () ->
                    "GET /api/v1/m/predict?phase=" + phase + " HTTP/1.1\r\nHost: x\r\n" + authorization
                            + "Connection: close\r\n\r\n");
            assertThat(RawHttp.exchange(gw.port(), authed.request().get()).status()).isEqualTo(200);

            SteadyLoad load = new SteadyLoad(100, 90, 6, authed, SteadyLoad.Target.get("no auth", gw.port(), "/open"));
            long start = SteadyLoad.now();
            await().atMost(Duration.ofSeconds(10)).until(() -> load.summary("authenticated").requests() >= 100);

            long killAt = SteadyLoad.now();
            auth.kill();
            long down = SteadyLoad.now();
            phase = "down";
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100))
                    .until(() -> RawHttp.exchange(gw.port(), authed.request().get()).status() == 503);

            phase = "restarting";
            long restartAt = SteadyLoad.now();
            restarted = new JarProcess(JAR, dir, "server.port", authPort, List.of(), args, env);
            long ready = SteadyLoad.now();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> RawHttp.exchange(gw.port(), authed.request().get()).status() == 200);
            long recovered = SteadyLoad.now();
            phase = "after";
            await().atMost(Duration.ofSeconds(10)).until(() -> load.summary("authenticated", recovered, SteadyLoad.now())
                    .requests() >= 100);
            long end = SteadyLoad.now();
            load.stop();

            SteadyLoad.Summary before = load.completedWithin("authenticated", start, killAt);
            SteadyLoad.Summary whileDown = load.summary("authenticated", down, restartAt);
            SteadyLoad.Summary restarting = load.summary("authenticated", restartAt, recovered);
            SteadyLoad.Summary after = load.summary("authenticated", recovered, end);
            SteadyLoad.Summary noAuth = load.summary("no auth");
            load.report(String.format("auth-service killed: restart took %.1f s, traffic passed %.2f s after it was ready",
                    (ready - restartAt) / 1e9, (recovered - ready) / 1e9), before, whileDown, restarting, after, noAuth);

            assertThat(before.notStatus(200)).as("before: %s", before).isZero();
            assertThat(whileDown.requests()).as("the load ran while it was down").isGreaterThan(100);
            assertThat(whileDown.notStatus(503)).as("fail closed while down: %s", whileDown).isZero();
            assertThat(restarting.statuses().keySet()).as("while it restarts: %s", restarting).isSubsetOf(200, 503);
            assertThat(after.notStatus(200)).as("recovered: %s", after).isZero();
            assertThat(noAuth.notStatus(200)).as("the route without auth: %s", noAuth).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(gw.accessLog()).contains("phase=after"));
            assertThat(forwardedWhile(gw, "phase=down")).as("requests of the outage that reached the model").isZero();
        } finally {
            auth.close();
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    /** Access-log records whose path has the marker and that a server answered (originStatus set). */
    private static long forwardedWhile(GatewayInstance gw, String marker) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        return Files.readAllLines(gw.accessLog()).stream().filter(l -> l.contains(marker)).map(json::readTree)
                .filter((JsonNode r) -> r.path("originStatus").asInt() != 0).count();
    }
}
