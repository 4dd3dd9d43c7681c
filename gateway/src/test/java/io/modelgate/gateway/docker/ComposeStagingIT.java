package io.modelgate.gateway.docker;

import io.modelgate.gateway.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The local staging setup, {@code compose/docker-compose.yml}, as the README runs it: {@code build} and
 * {@code up -d} with the compose CLI on the real engine under a project name of its own, a token from the
 * auth-service's CLI through {@code exec}, calls from the host to the gateway's 127.0.0.1-published ports, and
 * {@code down} — after which no container, network, volume or image of the project is left.
 *
 * <p>Only Redis is not built from the repository (no registry here): {@link RedisImage} stands in for
 * {@code redis:7-alpine} through the file's {@code MODELGATE_REDIS_IMAGE} setting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStagingIT {

    static final String RIDE = "{\"PULocationID\": 43, \"DOLocationID\": 151, \"trip_distance\": 3}";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** gateway, auth, error-pages, redis, ride-duration, eta, annotate ×2 */
    static final int CONTAINERS = 8;

    static DockerLab lab;
    static String project;
    static ComposeProject compose;
    static int webPort;
    static int adminPort;
    static String alice;
    static boolean down;

    @BeforeAll
    static void up() throws Exception {
        for (String jar : List.of("gateway/target/modelgate-gateway.jar", "auth-service/target/modelgate-auth.jar",
                "error-pages/target/modelgate-error-pages.jar", "examples/ride-duration/target/ride-duration.jar")) {
            // the root build packages every module before the gateway's integration tests; a partial build may not
            assertThat(Path.of("..", jar)).as("the compose file's images copy %s: package that module first", jar).exists();
        }
        lab = new DockerLab();
        project = "mgc" + lab.run().replace("-", "");
        webPort = FreePorts.next();
        adminPort = FreePorts.next();
        compose = new ComposeProject(Path.of("../compose/docker-compose.yml"), project, Map.of(
                "BASE_IMAGE", DockerLab.BASE_IMAGE,
                "MODELGATE_REDIS_IMAGE", RedisImage.build(lab),
                "MODELGATE_HTTP_PORT", Integer.toString(webPort),
                "MODELGATE_ADMIN_PORT", Integer.toString(adminPort)));
        System.out.println("compose staging with " + compose.version() + ", project " + project);
        compose.run(600, "build");
        compose.run(300, "up", "-d");
        try {
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                List<Container> running = projectContainers(false);
                return running.size() == CONTAINERS && running.stream().allMatch(ComposeStagingIT::healthy);
            });
            alice = token("alice");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> predict("/api/v1/ride-duration/predict", alice).statusCode() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the staging setup never came up; containers: " + projectContainers(true).stream()
                    .map(c -> c.getNames()[0] + " " + c.getStatus()).toList() + "\ngateway log: "
                    + tail(compose.run(60, "logs", "--no-color", "gateway")), e);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (lab == null) {
            return;
        }
        try {
            if (compose != null && !down) {
                compose.run(180, "down", "-v", "--rmi", "local", "--timeout", "10");
            }
        } finally {
            removeLeftovers(); // only when down failed: what compose made carries its project label or name, not ours
            lab.close(); // the Redis image
        }
    }

    @Test
    @Order(1)
    void aModelIsBehindTheAuthServiceAndGetsTheUserFromTheToken() throws Exception {
        HttpResponse<String> none = predict("/api/v1/ride-duration/predict", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        HttpResponse<String> ok = send(HttpRequest.newBuilder(web("/api/v1/ride-duration/predict"))
                .header("Authorization", "Bearer " + alice).header("X-Auth-User", "mallory")
                .POST(HttpRequest.BodyPublishers.ofString(RIDE)));
        assertThat(ok.statusCode()).isEqualTo(200);
        // 4.0 min + 3.5 min/mile × 3 miles (the example model's default coefficients)
        assertThat(ok.body()).contains("\"model\":\"ride-duration\"").contains("\"duration\":14.5").contains("\"user\":\"alice\"");
    }

    @Test
    @Order(2)
    void aTraefikLabeledModelIsRoutedAsTraefikWould() throws Exception {
        assertThat(predict("/api/v1/eta/predict", null).statusCode()).isEqualTo(401);
        HttpResponse<String> ok = predict("/api/v1/eta/predict", alice);
        assertThat(ok.statusCode()).isEqualTo(200);
        // version 2 of the model: 3.0 + 3.2 × 3
        assertThat(ok.body()).contains("\"model\":\"eta\"").contains("\"model_version\":\"2\"").contains("\"duration\":12.6");
    }

    @Test
    @Order(3)
    void aFailingModelGetsTheErrorPagesServicesPage() throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(web("/api/v1/ride-duration/predict?fail=500"))
                .header("Authorization", "Bearer " + alice).POST(HttpRequest.BodyPublishers.ofString(RIDE)));
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(page.body()).contains("Internal error").doesNotContain("failure mode");
        HttpResponse<String> json = predict("/api/v1/ride-duration/predict?fail=500", alice);
        assertThat(json.statusCode()).isEqualTo(500);
        assertThat(json.body()).contains("\"status\":500").contains("Internal error").doesNotContain("failure mode");
    }

    @Test
    @Order(4)
    void eachAnnotatorKeepsAnInstanceOfTheirOwnLeasedInRedis() throws Exception {
        String bob = token("bob");
        List<String> aliceInstances = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> r = predict("/annotate/predict?session=queue", alice);
            assertThat(r.statusCode()).isEqualTo(200);
            // the instance's in-memory count only climbs by one when every request lands on the same instance
            assertThat(r.body()).contains("\"session_requests\":" + i);
            aliceInstances.add(r.headers().firstValue("X-Instance").orElseThrow());
        }
        assertThat(aliceInstances).containsOnly(aliceInstances.getFirst());
        HttpResponse<String> bobs = predict("/annotate/predict?session=queue", bob);
        assertThat(bobs.statusCode()).isEqualTo(200);
        assertThat(bobs.body()).contains("\"user\":\"bob\"").contains("\"session_requests\":1");
        assertThat(bobs.headers().firstValue("X-Instance").orElseThrow()).isNotEqualTo(aliceInstances.getFirst());
        // two instances, two leases: the third annotator waits for one
        assertThat(predict("/annotate/predict", token("carol")).statusCode()).isEqualTo(503);
        assertThat(compose.run(30, "exec", "-T", "redis", "redis-cli", "--scan", "--pattern", "modelgate:lease:*"))
                .contains("modelgate:lease:annotate@docker:key:alice").contains("modelgate:lease:annotate@docker:key:bob")
                .doesNotContain("carol");
    }

    @Test
    @Order(5)
    void theDashboardAndTheAdminApiShowEveryLabeledContainerWithoutProblems() throws Exception {
        HttpResponse<String> dashboard = admin("/dashboard/");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(admin("/api/http/routers").body()).contains("model-ride-duration@docker", "eta@docker", "annotate@docker");
        assertThat(admin("/api/problems").body().strip()).isEqualTo("[]");
        RawHttp.Response notFound = RawHttp.exchange(webPort, "GET /nothing/here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.bodyText()).contains("Not found");
    }

    @Test
    @Order(6)
    void downLeavesNothingOfTheProjectBehind() throws Exception {
        compose.run(180, "down", "-v", "--rmi", "local", "--timeout", "10");
        down = true;
        assertThat(projectContainers(true)).isEmpty();
        assertThat(lab.docker().listNetworksCmd().withFilter("label", List.of("com.docker.compose.project=" + project)).exec()).isEmpty();
        assertThat(lab.docker().listVolumesCmd().withFilter("label", List.of("com.docker.compose.project=" + project)).exec()
                .getVolumes()).isNullOrEmpty();
        // built images are named <project>_<service> (1.29) or <project>-<service> (v2)
        assertThat(lab.docker().listImagesCmd().exec()).flatMap(i -> i.getRepoTags() == null ? List.of() : List.of(i.getRepoTags()))
                .noneMatch(tag -> tag.startsWith(project + "_") || tag.startsWith(project + "-"));
    }

    static void removeLeftovers() {
        List<String> label = List.of("com.docker.compose.project=" + project);
        quietly(() -> projectContainers(true).forEach(c -> lab.docker().removeContainerCmd(c.getId()).withForce(true).exec()));
        quietly(() -> lab.docker().listNetworksCmd().withFilter("label", label).exec()
                .forEach(n -> lab.docker().removeNetworkCmd(n.getId()).exec()));
        quietly(() -> {
            var volumes = lab.docker().listVolumesCmd().withFilter("label", label).exec().getVolumes();
            if (volumes != null) {
                volumes.forEach(v -> lab.docker().removeVolumeCmd(v.getName()).exec());
            }
        });
        quietly(() -> lab.docker().listImagesCmd().exec().stream()
                .filter(i -> i.getRepoTags() != null && List.of(i.getRepoTags()).stream()
                        .anyMatch(t -> t.startsWith(project + "_") || t.startsWith(project + "-")))
                .forEach(i -> lab.docker().removeImageCmd(i.getId()).withForce(true).exec()));
    }

    interface Step {
        void run() throws Exception;
    }

    static void quietly(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            System.err.println("compose cleanup: " + e);
        }
    }

    static List<Container> projectContainers(boolean all) {
        return lab.docker().listContainersCmd().withShowAll(all)
                .withLabelFilter(Map.of("com.docker.compose.project", project)).exec();
    }

    static boolean healthy(Container c) {
        var health = lab.docker().inspectContainerCmd(c.getId()).exec().getState().getHealth();
        return health != null && "healthy".equals(health.getStatus());
    }

    /** A token made the README's way: the auth-service's CLI inside its container. */
    static String token(String user) {
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() ->
                compose.run(60, "exec", "-T", "auth", "java", "-jar", "/opt/modelgate/modelgate-auth.jar", "token", "create",
                        "--user", user, "--plan", "free").strip(), t -> t.startsWith("mgt_"));
    }

    static URI web(String path) {
        return URI.create("http://127.0.0.1:" + webPort + path);
    }

    static HttpResponse<String> predict(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(web(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(RIDE));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    static HttpResponse<String> admin(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String tail(String text) {
        return text.length() <= 6000 ? text : "…" + text.substring(text.length() - 6000);
    }
}
