package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import io.modelgate.gateway.testsupport.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A TLS entry point ({@code websecure}) beside {@code web}, which redirects to it, with certificates made by
 * {@code openssl} for this test: SNI picks the certificate of each host, a certificate replaced on disk is
 * served without a restart, plain HTTP is redirected, HTTP/2 (JDK client, ALPN) goes through the same routing,
 * middlewares and access log, and TLS options require client certificates for one host. With the default
 * provider (OpenSSL where netty-tcnative loads); {@link JdkTlsEntrypointIT} runs the same cases on the JDK's TLS.
 */
class TlsEntrypointIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;
    static TestCertificates certs;
    static TestBackend a;
    static TestBackend b;
    static GatewayInstance gw;
    static int securePort;

    @BeforeAll
    static void start() throws Exception {
        launch("auto");
    }

    /** The backends and the gateway with {@code modelgate.tls.provider=provider}. */
    static void launch(String provider) throws Exception {
        certs = new TestCertificates(dir);
        certs.leaf("a", "first", "a.test");
        certs.leaf("b", "first", "b.test", "*.b.test");
        certs.leaf("default", "first", "localhost");
        certs.leaf("client", "first", "client.test");
        a = new TestBackend("a");
        b = new TestBackend("b");
        securePort = FreePorts.next();
        gw = new GatewayInstance(dir, routes(), "--modelgate.entrypoints.websecure.address=127.0.0.1",
                "--modelgate.entrypoints.websecure.port=" + securePort,
                "--modelgate.entrypoints.websecure.tls.enabled=true",
                "--modelgate.entrypoints.web.http.redirections.entry-point.to=websecure",
                "--modelgate.tls.check-interval=200ms", "--modelgate.tls.provider=" + provider);
    }

    static String routes() {
        return """
                tls:
                  certificates:
                    - { certFile: "%1$s/a.crt", keyFile: "%1$s/a.key" }
                    - { certFile: "%1$s/b.crt", keyFile: "%1$s/b.key" }
                  stores:
                    default: { defaultCertificate: { certFile: "%1$s/default.crt", keyFile: "%1$s/default.key" } }
                  options:
                    mtls:
                      minVersion: VersionTLS12
                      clientAuth: { caFiles: [ "%1$s/ca.crt" ], clientAuthType: RequireAndVerifyClientCert }
                http:
                  routers:
                    a: { rule: "Host(`a.test`)", service: a, tls: {} }
                    b: { rule: "HostRegexp(`{sub:[a-z]+}.b.test`) || Host(`b.test`)", service: b, tls: {} }
                    h2: { rule: "Host(`localhost`)", service: a, middlewares: [ tag ], entryPoints: [ websecure ] }
                    limit: { rule: "Host(`localhost`) && PathPrefix(`/limit`)", service: a, middlewares: [ small ], entryPoints: [ websecure ] }
                    m: { rule: "Host(`mtls.test`)", service: b, tls: { options: mtls } }
                  middlewares:
                    tag: { headers: { customRequestHeaders: { X-Via-Middleware: "yes" }, customResponseHeaders: { X-Tag: "h2" } } }
                    small: { buffering: { maxRequestBodyBytes: 1000 } }
                  services:
                    a: { loadBalancer: { servers: [ { url: "%2$s" } ] } }
                    b: { loadBalancer: { servers: [ { url: "%3$s" } ] } }
                """.formatted(dir, a.url(), b.url());
    }

    @AfterAll
    static void stop() {
        gw.close();
        a.close();
        b.close();
    }

    /** One HTTPS request over a socket whose SNI is {@code sni} (null: none); the certificate and response. */
    static Served https(String sni, String host, SSLContext ctx) throws Exception {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", securePort)) {
            s.setSoTimeout(10_000);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            p.setApplicationProtocols(new String[] {"http/1.1"});
            s.setSSLParameters(p);
            s.startHandshake();
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            s.getOutputStream().write(("GET /sni HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            in.transferTo(out);
            return new Served(cert, out.toString(StandardCharsets.UTF_8));
        }
    }

    record Served(X509Certificate cert, String response) {
        String backend() {
            return response.replaceAll("(?s).*X-Backend: (\\w+).*", "$1");
        }
    }

    @Test
    void sniPicksEachHostsCertificateAndTheRequestIsRoutedByHost() throws Exception {
        Served toA = https("a.test", "a.test", certs.clientContext());
        assertThat(toA.cert().getSubjectAlternativeNames()).anyMatch(san -> san.get(1).equals("a.test"));
        assertThat(toA.response()).startsWith("HTTP/1.1 200");
        assertThat(toA.backend()).isEqualTo("a");
        assertThat(toA.response()).contains("\"x-forwarded-proto\":\"https\"");

        Served toB = https("x.b.test", "x.b.test", certs.clientContext());
        assertThat(toB.cert().getSubjectAlternativeNames()).anyMatch(san -> san.get(1).equals("*.b.test"));
        assertThat(toB.backend()).isEqualTo("b");

        Served noName = https(null, "a.test", certs.clientContext());
        assertThat(noName.cert().getSubjectAlternativeNames()).as("no SNI: the default certificate")
                .anyMatch(san -> san.get(1).equals("localhost"));
        Served unknown = https("other.test", "a.test", certs.clientContext());
        assertThat(unknown.cert().getSubjectAlternativeNames()).anyMatch(san -> san.get(1).equals("localhost"));
    }

    @Test
    void aCertificateReplacedOnDiskIsServedWithoutARestart() throws Exception {
        assertThat(TestCertificates.organization(https("a.test", "a.test", certs.clientContext()).cert())).isEqualTo("first");
        TestCertificates.Leaf renewed = certs.leaf("a-renewed", "renewed", "a.test");
        // as a renewal tool does: the new files take the old names
        Files.move(renewed.key(), dir.resolve("a.key"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(renewed.cert(), dir.resolve("a.crt"), StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(TestCertificates.organization(https("a.test", "a.test", certs.clientContext()).cert()))
                        .isEqualTo("renewed"));
        assertThat(https("a.test", "a.test", certs.clientContext()).response()).startsWith("HTTP/1.1 200");
    }

    @Test
    void plainHttpIsRedirectedToTheTlsEntryPoint() throws Exception {
        int before = a.requests() + b.requests();
        RawHttp.Response get = RawHttp.exchange(gw.port(), "GET /v1/x?q=1 HTTP/1.1\r\nHost: a.test:" + gw.port() + "\r\n\r\n");
        assertThat(get.status()).isEqualTo(301);
        assertThat(get.header("Location")).isEqualTo("https://a.test:" + securePort + "/v1/x?q=1");
        RawHttp.Response post = RawHttp.exchange(gw.port(),
                "POST /p HTTP/1.1\r\nHost: a.test\r\nContent-Length: 2\r\n\r\nhi");
        assertThat(post.status()).as("the method and body must be repeated").isEqualTo(308);
        assertThat(a.requests() + b.requests()).as("nothing reaches a service over plain HTTP").isEqualTo(before);
    }

    /**
     * Uploads over the limit on streams of one HTTP/2 connection, side by side: each gets its 413, and the stream
     * is then reset with NO_ERROR (stop sending, keep the answer), not CANCEL (which clients read as a failure).
     */
    @Test
    void http2UploadsOverTheLimitGetTheir413WhileOtherStreamsAreOpen() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(certs.clientContext())
                .build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + securePort + "/limit/" + i))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[4 * 1024 * 1024])).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.statusCode()).isEqualTo(413);
        }
    }

    @Test
    void http2RequestsGoThroughRoutingMiddlewaresAndTheAccessLog() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(certs.clientContext())
                .build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create("https://localhost:" + securePort + "/h2/" + i))
                    .header("X-Request-Id", "h2-test-" + i).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < calls.size(); i++) {
            HttpResponse<String> r = calls.get(i).get();
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-tag")).hasValue("h2");
            JsonNode echoed = JSON.readTree(r.body());
            assertThat(echoed.get("uri").asString()).isEqualTo("/h2/" + i);
            assertThat(echoed.get("headers").get("x-via-middleware").asString()).isEqualTo("yes");
            assertThat(echoed.get("headers").get("x-forwarded-proto").asString()).isEqualTo("https");
        }
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + securePort + "/h2/post"))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(post.body()).get("bodyLength").asInt()).isEqualTo(100_000);

        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(gw.accessLog()).contains("h2-test-7"));
        String line = Files.readAllLines(gw.accessLog()).stream().filter(l -> l.contains("h2-test-3")).findFirst().orElseThrow();
        JsonNode entry = JSON.readTree(line);
        assertThat(entry.get("protocol").asString()).isEqualTo("HTTP/2.0");
        assertThat(entry.get("router").asString()).isEqualTo("h2@file");
        assertThat(entry.get("status").asInt()).isEqualTo(200);
    }

    @Test
    void tlsOptionsOfARouterRequireAClientCertificateForItsHost() throws Exception {
        assertThatThrownBy(() -> https("mtls.test", "mtls.test", certs.clientContext()))
                .as("no client certificate").isInstanceOf(IOException.class);
        assertThat(https("a.test", "a.test", certs.clientContext()).response()).as("other hosts need none")
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void theApiListsTheRedirectionRouterAndTheTlsRouters() throws Exception {
        JsonNode redirect = gw.admin("/api/http/routers/web-to-websecure@internal");
        assertThat(redirect.get("entryPoints").toString()).contains("web");
        assertThat(gw.admin("/api/http/routers/a@file").get("status").asString()).isEqualTo("enabled");
    }
}
