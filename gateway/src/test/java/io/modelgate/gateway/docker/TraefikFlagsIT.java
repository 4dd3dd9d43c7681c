package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.HostConfig;
import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.JarProcess;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gateway jar started with a Traefik {@code command:} (flags only, no modelgate property but the
 * admin port the test needs to find it), routing real containers labelled with Traefik v2 and v3 rules.
 */
class TraefikFlagsIT {

    private static final String JAR = "gateway/target/modelgate-gateway.jar";

    @TempDir
    static Path dir;
    static DockerLab lab;
    static JarProcess gateway;
    static int web;

    @BeforeAll
    static void start() throws IOException {
        lab = new DockerLab();
        String image = lab.buildModelImage("1");
        run(image, "v3", Map.of("traefik.enable", "true",
                "traefik.http.routers.v3-" + lab.run() + ".rule", "PathRegexp(`^/v3-" + lab.run() + "/`) && Header(`X-Tenant`, `ml`)",
                "traefik.http.routers.v3-" + lab.run() + ".entrypoints", "web",
                "traefik.http.routers.v3-" + lab.run() + ".ruleSyntax", "v3"));
        run(image, "v2", Map.of("traefik.enable", "true",
                "traefik.http.routers.v2-" + lab.run() + ".rule", "PathPrefix(`/v2-" + lab.run() + "`) && Headers(`X-Tenant`, `ml`)"));
        // an unlabelled container: exposedByDefault=false keeps it out, as in Traefik
        run(image, "db", Map.of());
        web = FreePorts.next();
        gateway = new JarProcess(JAR, dir, "modelgate.admin.port", List.of("-Xmx128m"), List.of(
                "--providers.docker=true",
                "--providers.docker.exposedbydefault=false",
                "--providers.docker.constraints=Label(`" + DockerLab.LABEL + "`,`" + lab.run() + "`)",
                "--entrypoints.web.address=127.0.0.1:" + web,
                "--api.dashboard=true",
                "--api.debug=true",
                "--accesslog=true",
                "--log.level=INFO",
                "--metrics.prometheus=true",
                "--ping",
                "--certificatesresolvers.le.acme.email=ops@example.com"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        lab.close();
    }

    static void run(String image, String name, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.putAll(lab.label());
        String id = lab.docker().createContainerCmd(image).withName(lab.run() + "-" + name).withLabels(all)
                .withEnv("MODEL_NAME=" + name).withHostConfig(HostConfig.newHostConfig()).exec().getId();
        lab.docker().startContainerCmd(id).exec();
    }

    static RawHttp.Response get(String path, String tenant) throws IOException {
        return RawHttp.exchange(web, "GET " + path + " HTTP/1.1\r\nHost: x\r\n" + (tenant == null ? "" : "X-Tenant: " + tenant + "\r\n")
                + "Connection: close\r\n\r\n");
    }

    static int status(String path, String tenant) {
        try {
            return get(path, tenant).status();
        } catch (IOException e) {
            return -1;
        }
    }

    static String admin(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void traefikV3AndV2RulesRouteOnTheEntryPointTheFlagsDeclared() throws IOException {
        String v3 = "/v3-" + lab.run() + "/predict";
        await().atMost(Duration.ofSeconds(20)).until(() -> status(v3, "ml") == 200);
        assertThat(get(v3, "ml").bodyText()).contains("\"model\":\"v3\"");
        assertThat(status(v3, null)).as("Header(`X-Tenant`, `ml`) must hold").isEqualTo(404);
        assertThat(status(v3, "other")).isEqualTo(404);

        String v2 = "/v2-" + lab.run() + "/predict";
        await().atMost(Duration.ofSeconds(20)).until(() -> status(v2, "ml") == 200);
        assertThat(get(v2, "ml").bodyText()).contains("\"model\":\"v2\"");
        assertThat(status(v2, null)).isEqualTo(404);
    }

    @Test
    void unlabelledContainersStayOutAndRefusedOptionsAreListed() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> status("/v2-" + lab.run() + "/x", "ml") == 200);
        assertThat(admin("/api/rawdata")).doesNotContain(lab.run() + "-db");
        assertThat(admin("/api/http/routers/v3-" + lab.run() + "@docker")).contains("\"ruleSyntax\":\"v3\"");
        String problems = admin("/api/problems");
        assertThat(problems).as("a resolver with no challenge orders nothing, and says so")
                .contains("certificatesResolvers.le").contains("http-challenge.entry-point is not set").contains("--api.debug=true");
        assertThat(gateway.log()).contains("modelgate: Traefik static configuration from flags: 11 options")
                .contains("modelgate: --api.debug=true: not supported, ignored: no debug endpoints");
    }

    @Test
    void theAccessLogIsOnBecauseTheFlagsAskedForIt() throws IOException {
        String path = "/v2-" + lab.run() + "/logged";
        await().atMost(Duration.ofSeconds(20)).until(() -> status(path, "ml") == 200);
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.log().contains("\"path\":\"" + path + "\""));
    }

    @Test
    void aBadFlagStopsTheStartWithOneLineAndNoStackTrace() throws Exception {
        Path jar = Path.of("..").resolve(JAR).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--modelgate.admin.port=" + FreePorts.next(), "--entrypoints.web.address=:abc",
                "--providers.docker.exposedbydefault=maybe"));
        Path log = dir.resolve("bad.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readAllLines(log)).filteredOn(l -> !l.startsWith("WARNING:")).containsExactly(
                "modelgate: Traefik static configuration: --entrypoints.web.address=:abc: port 'abc' in ':abc' is not 0-65535",
                "modelgate: Traefik static configuration: --providers.docker.exposedbydefault=maybe: 'maybe' is not true or false");
    }
}
