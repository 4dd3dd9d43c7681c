package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin port behind its own authentication (an htpasswd file made by the real {@code htpasswd}, and a
 * bearer token file), and the seed's dashboard labels ({@code service=api@internal} behind a basicAuth
 * middleware) on a real container, reached through the web entry point. Router and middleware names carry the
 * run id so parallel runs on the shared engine do not merge; the label keys are the seed's.
 */
class AdminSecurityIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @TempDir
    static Path dir;
    static DockerLab lab;
    static GatewayInstance gw;

    @BeforeAll
    static void start() throws Exception {
        lab = new DockerLab();
        Path htpasswd = dir.resolve("admin.htpasswd");
        exec("htpasswd", "-cbm", htpasswd.toString(), "ops", "ops-secret"); // htpasswd's default: $apr1$
        Files.writeString(dir.resolve("admin.token"), TOKEN + "\n");
        gw = new GatewayInstance(dir, "http: {}\n", "--modelgate.providers.docker.enabled=true",
                "--modelgate.admin.auth.htpasswd-file=" + htpasswd, "--modelgate.admin.auth.token-file=" + dir.resolve("admin.token"));
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
        lab.close();
    }

    @Test
    void theAdminPortRefusesUnauthenticatedRequestsButPing() throws Exception {
        assertThat(admin("/api/overview", null).statusCode()).isEqualTo(401);
        assertThat(admin("/api/overview", null).headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic"));
        assertThat(admin("/dashboard/", null).statusCode()).isEqualTo(401);
        assertThat(admin("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(admin("/api/overview", basic("ops", "wrong")).statusCode()).isEqualTo(401);
        assertThat(admin("/api/overview", basic("nobody", "ops-secret")).statusCode()).isEqualTo(401);
        assertThat(admin("/api/overview", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);

        assertThat(admin("/ping", null).statusCode()).isEqualTo(200);
        HttpResponse<String> ok = admin("/api/overview", basic("ops", "ops-secret"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("\"routers\"");
        assertThat(admin("/api/overview", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(admin("/metrics", "Bearer " + TOKEN).body()).contains("# TYPE");
    }

    @Test
    void seedDashboardLabelsGiveTheDashboardBehindBasicAuth() throws Exception {
        String image = lab.buildModelImage("1");
        String router = "dashboard-" + lab.run();
        String auth = "auth-" + lab.run();
        String host = router + ".localhost";
        String users = exec("htpasswd", "-nbm", "admin", "dash-secret").strip(); // admin:$apr1$...
        Map<String, String> labels = new HashMap<>(lab.label());
        labels.put("traefik.http.routers." + router + ".rule", "Host(`" + host + "`)");
        labels.put("traefik.http.routers." + router + ".service", "api@internal");
        labels.put("traefik.http.middlewares." + auth + ".basicauth.users", users);
        labels.put("traefik.http.routers." + router + ".middlewares", auth);
        labels.put("traefik.http.routers.metrics-" + lab.run() + ".rule", "Host(`metrics-" + lab.run() + ".localhost`)");
        labels.put("traefik.http.routers.metrics-" + lab.run() + ".service", "prometheus@internal");
        labels.put("traefik.http.routers.metrics-" + lab.run() + ".middlewares", auth);
        String id = lab.docker().createContainerCmd(image).withName(lab.run() + "-dash").withLabels(labels)
                .withEnv("MODEL_NAME=dash").withHostConfig(HostConfig.newHostConfig()).exec().getId();
        lab.docker().startContainerCmd(id).exec();

        await().atMost(Duration.ofSeconds(15)).until(() -> web(host, "/dashboard/", null).status() == 401);
        RawHttp.Response refused = web(host, "/dashboard/", null);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(web(host, "/dashboard/", basic("admin", "wrong")).status()).isEqualTo(401);

        RawHttp.Response page = web(host, "/dashboard/", basic("admin", "dash-secret"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.bodyText()).containsIgnoringCase("<html");
        RawHttp.Response api = web(host, "/api/http/routers", basic("admin", "dash-secret"));
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.bodyText()).contains(router + "@docker");
        assertThat(web(host, "/metrics", basic("admin", "dash-secret")).status())
                .as("api@internal serves the API and dashboard, not /metrics").isEqualTo(404);

        String metricsHost = "metrics-" + lab.run() + ".localhost";
        assertThat(web(metricsHost, "/metrics", null).status()).isEqualTo(401);
        RawHttp.Response metrics = web(metricsHost, "/metrics", basic("admin", "dash-secret"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.bodyText()).contains("# TYPE");
        assertThat(web(metricsHost, "/api/overview", basic("admin", "dash-secret")).status()).isEqualTo(404);
    }

    private static RawHttp.Response web(String host, String path, String authorization) throws IOException {
        return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "Connection: close\r\n\r\n");
    }

    private static HttpResponse<String> admin(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gw.adminPort() + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }
}
