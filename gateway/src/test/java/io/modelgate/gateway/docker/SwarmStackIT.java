package io.modelgate.gateway.docker;

import io.modelgate.gateway.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production stack file, {@code swarm/stack.yml}, deployed as shipped with {@code docker stack deploy} on
 * a real single-node swarm: gateway, auth-service and error pages from their own Dockerfiles, then a model
 * service with only {@code modelgate.model} labels. A client on the host goes through the gateway's host-mode
 * port: 401 without a token, the model with one (a token made with the auth-service's CLI inside its
 * container), the error-pages page for the model's 500, and for the gateway's own 404.
 */
class SwarmStackIT {

    static DockerLab lab;
    static String stack;
    static int webPort;
    static String dashboardHost;
    static String token;

    @BeforeAll
    static void deploy() throws Exception {
        lab = new DockerLab();
        var swarm = lab.docker().infoCmd().exec().getSwarm();
        Assumptions.assumeTrue(swarm != null && swarm.getLocalNodeState() == LocalNodeState.ACTIVE,
                "needs a single-node swarm (../shared/docker-lab/setup.sh --swarm)");
        stack = "mg" + lab.run().replace("-", "");
        String gateway = lab.buildImage(context(".", "modelgate-gateway.jar"), "gateway");
        String auth = lab.buildImage(context("../auth-service", "modelgate-auth.jar"), "auth-service");
        String pages = lab.buildImage(context("../error-pages", "modelgate-error-pages.jar"), "error-pages");
        String model = lab.buildModelImage("1");
        Path secrets = Files.createTempDirectory("stack-secrets");
        Files.writeString(secrets.resolve("auth"), "stack-it-admin-secret-" + lab.run());
        Files.writeString(secrets.resolve("sticky"), "stack-it-sticky-secret-" + lab.run());
        webPort = FreePorts.next();
        dashboardHost = "dashboard-" + lab.run() + ".localhost";
        exec("htpasswd", "-cbB", secrets.resolve("dashboard-users").toString(), "admin", "dash-" + lab.run());
        Map<String, String> env = new HashMap<>();
        env.put("MODELGATE_GATEWAY_IMAGE", gateway);
        env.put("MODELGATE_AUTH_IMAGE", auth);
        env.put("MODELGATE_ERROR_PAGES_IMAGE", pages);
        env.put("MODELGATE_HTTP_PORT", Integer.toString(webPort));
        env.put("MODELGATE_DASHBOARD_HOST", dashboardHost);
        env.put("MODELGATE_DASHBOARD_USERS_FILE", secrets.resolve("dashboard-users").toString());
        env.put("MODELGATE_STACK", stack);
        // this run's models and this stack's gateway (its dashboard labels) only
        env.put("MODELGATE_CONSTRAINTS", "Label(`" + DockerLab.LABEL + "`,`" + lab.run() + "`) || Label(`com.docker.stack.namespace`,`"
                + stack + "`)");
        env.put("MODELGATE_AUTH_ADMIN_SECRET_FILE", secrets.resolve("auth").toString());
        env.put("MODELGATE_STICKY_SECRET_FILE", secrets.resolve("sticky").toString());
        docker(env, "stack", "deploy", "-c", Path.of("../swarm/stack.yml").toAbsolutePath().normalize().toString(), stack);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> admin("/api/overview").status() == 200);

        Map<String, String> labels = new HashMap<>(lab.label());
        labels.put("modelgate.model", "sentiment");
        labels.put("modelgate.model.port", "8000");
        lab.docker().createServiceCmd(new ServiceSpec().withName("sentiment-" + lab.run()).withLabels(labels)
                .withTaskTemplate(new TaskSpec()
                        .withContainerSpec(new ContainerSpec().withImage(model).withLabels(lab.label())
                                .withEnv(List.of("MODEL_NAME=sentiment")))
                        .withNetworks(List.of(new NetworkAttachmentConfig().withTarget(stack + "_models"))))
                .withMode(SwarmIT.replicated(1))).exec();

        String authContainer = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
                lab.docker().listContainersCmd().withLabelFilter(Map.of("com.docker.swarm.service.name", stack + "_auth"))
                        .exec().stream().findFirst().map(c -> c.getId()).orElse(null), id -> id != null);
        token = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() ->
                docker(Map.of(), "exec", authContainer, "java", "-jar", "/opt/modelgate/modelgate-auth.jar", "token", "create",
                        "--user", "alice", "--plan", "free", "--scopes", "sentiment").strip(), t -> t.startsWith("mgt_"));
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> call("/api/v1/sentiment/predict", "Authorization: Bearer " + token + "\r\n").status() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            RawHttp.Response last = call("/api/v1/sentiment/predict", "Authorization: Bearer " + token + "\r\n");
            throw new AssertionError("the model never answered through the stack; last: " + last.status() + " "
                    + last.bodyText() + "\nproblems: " + admin("/api/problems").bodyText()
                    + "\nrouters: " + admin("/api/http/routers").bodyText(), e);
        }
    }

    @AfterAll
    static void remove() throws Exception {
        if (lab == null) {
            return;
        }
        try {
            if (stack != null) {
                removeStack(lab, stack);
            }
        } finally {
            lab.close();
        }
    }

    /**
     * Removes this run's services labeled by {@code lab} first (a model service holds the stack's network), then
     * the stack, and waits until its containers and its {@code auth-data} volume are gone.
     */
    static void removeStack(DockerLab lab, String stack) throws IOException, InterruptedException {
        lab.docker().listServicesCmd().withLabelFilter(lab.label()).exec()
                .forEach(s -> lab.docker().removeServiceCmd(s.getId()).exec());
        docker(Map.of(), "stack", "rm", stack);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> lab.docker()
                .listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("com.docker.stack.namespace", stack)).exec().isEmpty());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            lab.docker().removeVolumeCmd(stack + "_auth-data").exec();
            return true;
        });
    }

    /** A build context: the module's Dockerfile and its packaged jar under target/, nothing else. */
    static Path context(String module, String jar) throws IOException {
        Path ctx = Files.createTempDirectory("image");
        Files.copy(Path.of(module, "Dockerfile"), ctx.resolve("Dockerfile"));
        Files.createDirectories(ctx.resolve("target"));
        Files.copy(Path.of(module, "target", jar), ctx.resolve("target").resolve(jar));
        return ctx;
    }

    /**
     * Runs the docker CLI (stack deploy and exec have no docker-java equivalent); returns stdout. Both streams go to
     * files, so the 180 s limit holds even for a command that never closes its output: it is then killed.
     */
    static String docker(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("docker", ".out");
        Path err = Files.createTempFile("docker", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            boolean ended = p.waitFor(180, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (!ended || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit "
                        + (ended ? p.exitValue() : "none: timed out after 180 s") + "): " + Files.readString(out)
                        + Files.readString(err));
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The admin API through the stack's dashboard router (api@internal behind basicAuth) on the web port. */
    static RawHttp.Response admin(String path) throws IOException {
        return RawHttp.exchange(webPort, "GET " + path + " HTTP/1.1\r\nHost: " + dashboardHost + "\r\nAuthorization: Basic "
                + java.util.Base64.getEncoder().encodeToString(("admin:dash-" + lab.run()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "\r\nConnection: close\r\n\r\n");
    }

    static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    @Test
    void theDashboardIsBehindBasicAuthOnTheWebPortAndTheAdminPortIsNotPublished() throws Exception {
        RawHttp.Response none = RawHttp.exchange(webPort, "GET /dashboard/ HTTP/1.1\r\nHost: " + dashboardHost
                + "\r\nConnection: close\r\n\r\n");
        assertThat(none.status()).isEqualTo(401);
        RawHttp.Response page = admin("/dashboard/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.bodyText()).containsIgnoringCase("<html");
        String ports = docker(Map.of(), "service", "inspect", stack + "_gateway", "--format", "{{json .Endpoint.Ports}}");
        assertThat(ports).contains("8080").doesNotContain("8081");
    }

    static RawHttp.Response call(String path, String headers) throws IOException {
        return RawHttp.exchange(webPort, "GET " + path + " HTTP/1.1\r\nHost: api.example\r\n" + headers
                + "Connection: close\r\n\r\n");
    }

    @Test
    void modelsAreBehindAuthWithIdentityPassedOn() throws Exception {
        RawHttp.Response none = call("/api/v1/sentiment/predict", "Accept: application/json\r\n");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(none.bodyText()).contains("missing token");
        RawHttp.Response ok = call("/api/v1/sentiment/predict", "Authorization: Bearer " + token + "\r\n"
                + "X-Auth-User: mallory\r\n");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.bodyText()).contains("\"model\":\"sentiment\"").contains("\"user\":\"alice\"");
    }

    @Test
    void errorsGetTheErrorPagesServicesPages() throws Exception {
        RawHttp.Response failed = call("/api/v1/sentiment/fail", "Authorization: Bearer " + token + "\r\n");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.header("Content-Type")).startsWith("text/html");
        assertThat(failed.bodyText()).contains("Internal error").contains("modelgate").doesNotContain("\"model\"");
        RawHttp.Response failedJson = call("/api/v1/sentiment/fail", "Authorization: Bearer " + token + "\r\n"
                + "Accept: application/json\r\n");
        assertThat(failedJson.status()).isEqualTo(500);
        assertThat(failedJson.bodyText()).contains("\"status\":500").contains("Internal error");
        RawHttp.Response notFound = call("/nothing/here", "");
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.bodyText()).contains("Not found").contains("<style");
    }
}
