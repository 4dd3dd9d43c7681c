package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/traefik-stack}: a Traefik compose file (flags, v2 and v3 labels, a dynamic file with the
 * certificate) whose only change is the gateway's image, brought up with the real compose CLI and engine.
 */
class TraefikStackIT {

    @TempDir
    static Path dir;
    static DockerLab lab;
    static ComposeProject compose;
    static int http;
    static int https;
    static int dashboard;
    static HttpClient client;
    static boolean up;

    @BeforeAll
    static void up() throws Exception {
        for (String jar : List.of("gateway/target/modelgate-gateway.jar", "examples/ride-duration/target/ride-duration.jar")) {
            assertThat(Path.of("..", jar)).as("the compose file's images copy %s: package that module first", jar).exists();
        }
        lab = new DockerLab();
        TestCertificates certs = new TestCertificates(dir);
        TestCertificates.Leaf leaf = certs.leaf("localhost", "traefik-stack", "localhost");
        Files.copy(leaf.cert(), dir.resolve("cert.pem"));
        Files.copy(leaf.key(), dir.resolve("key.pem"));
        client = HttpClient.newBuilder().sslContext(certs.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();
        http = FreePorts.next();
        https = FreePorts.next();
        dashboard = FreePorts.next();
        compose = new ComposeProject(Path.of("../examples/traefik-stack/docker-compose.yml"), "mgt" + lab.run().replace("-", ""),
                Map.of("BASE_IMAGE", DockerLab.BASE_IMAGE, "TRAEFIK_HTTP_PORT", Integer.toString(http),
                        "TRAEFIK_HTTPS_PORT", Integer.toString(https), "TRAEFIK_DASHBOARD_PORT", Integer.toString(dashboard),
                        "TRAEFIK_CERT_DIR", dir.toString(),
                        // the tests reach nothing outside: the resolver's CA is a closed port in the gateway's container
                        "ACME_CA_SERVER", "https://127.0.0.1:9/directory"));
        compose.run(900, "build");
        compose.run(300, "up", "-d");
        up = true;
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> get("https://localhost:" + https + "/api/v1/sentiment/health", null).statusCode() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the stack never served; gateway log:\n" + compose.run(60, "logs", "--no-color", "traefik"), e);
        }
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (up) {
                compose.run(180, "down", "-v", "--rmi", "local", "--timeout", "10");
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    static HttpResponse<String> get(String url, String tenant) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (tenant != null) {
            b.header("X-Tenant", tenant);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theV2RouterServesHttpsWithTheFileCertificate() throws Exception {
        HttpResponse<String> r = get("https://localhost:" + https + "/api/v1/sentiment/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"model\":\"sentiment\"");
        java.security.cert.X509Certificate served = (java.security.cert.X509Certificate) r.sslSession().orElseThrow()
                .getPeerCertificates()[0];
        assertThat(TestCertificates.organization(served)).isEqualTo("traefik-stack");
    }

    @Test
    void theV3RuleNeedsItsHeader() throws Exception {
        String url = "https://localhost:" + https + "/api/v1/eta/health";
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get(url, "ml").statusCode() == 200);
        assertThat(get(url, "ml").body()).contains("\"model\":\"eta\"");
        assertThat(get(url, null).statusCode()).isEqualTo(404);
    }

    @Test
    void plainHttpIsRedirectedToHttps() throws Exception {
        HttpResponse<String> r = get("http://localhost:" + http + "/api/v1/sentiment/health", null);
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("Location")).hasValue("https://localhost/api/v1/sentiment/health");
    }

    @Test
    void theDashboardPortListsWhatTheFlagsAskedForAndModelgateDoesNotDo() throws Exception {
        // the resolver could not order (its CA is unreachable here): said, and the file certificate served meanwhile
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HttpResponse<String> r = get("http://127.0.0.1:" + dashboard + "/api/problems", null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("certificatesResolvers.le").contains("no certificate for localhost");
        });
    }
}
