package io.modelgate.gateway.acme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.testsupport.FreePorts;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.TestBackend;
import io.modelgate.gateway.testsupport.TestCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ACME CA: Debian's {@code pebble} (Let's Encrypt's test CA) with {@code pebble-challtestsrv} as its DNS
 * server (every name is 127.0.0.1), both started here. The gateway gets a router with
 * {@code tls.certResolver}; the CA checks the HTTP-01 answer on the gateway's web entry point, issues the
 * certificate, and the websecure entry point serves it for the router's host, stored in an {@code acme.json}
 * of mode 0600. A router without {@code tls} gets its certificate from websecure's default resolver; a router
 * naming the {@code alpn} resolver (TLS-ALPN-01 only: pebble's {@code tlsPort} is websecure's port) is
 * validated by pebble's {@code acme-tls/1} handshake on websecure.
 */
class AcmeIT {

    static final String HOST = "models.example.test";
    static final String DEFAULT_HOST = "default.example.test";
    static final String ALPN_HOST = "alpn.example.test";

    @TempDir
    static Path dir;

    static final List<Process> processes = new ArrayList<>();
    static TestBackend backend;
    static GatewayInstance gw;
    static int webPort;
    static int securePort;
    static int pebbleManagement;
    static TestCertificates certs;

    @BeforeAll
    static void start() throws Exception {
        certs = new TestCertificates(dir);
        TestCertificates.Leaf pebbleTls = certs.leaf("pebble", "pebble", "localhost");
        int dns = FreePorts.next();
        int pebble = FreePorts.next();
        pebbleManagement = FreePorts.next();
        webPort = FreePorts.next();
        securePort = FreePorts.next();
        processes.add(start(List.of("pebble-challtestsrv", "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
                "-dns01", "127.0.0.1:" + dns, "-http01", "", "-https01", "", "-tlsalpn01", "",
                "-management", "127.0.0.1:" + FreePorts.next()), "challtestsrv"));
        Path config = dir.resolve("pebble.json");
        Files.writeString(config, """
                { "pebble": { "listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false } }
                """.formatted(pebble, pebbleManagement, pebbleTls.cert(), pebbleTls.key(), webPort, securePort));
        processes.add(start(List.of("pebble", "-config", config.toString(), "-dnsserver", "127.0.0.1:" + dns), "pebble"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> roots().contains("BEGIN CERTIFICATE"));

        backend = new TestBackend("model");
        gw = new GatewayInstance(dir, "http: {}\n",
                "--modelgate.entrypoints.web.port=" + webPort,
                "--modelgate.entrypoints.websecure.address=127.0.0.1",
                "--modelgate.entrypoints.websecure.port=" + securePort,
                "--modelgate.entrypoints.websecure.tls.enabled=true",
                "--modelgate.entrypoints.websecure.tls.cert-resolver=pebble",
                "--modelgate.certificates-resolvers.pebble.acme.ca-server=https://localhost:" + pebble + "/dir",
                "--modelgate.certificates-resolvers.pebble.acme.ca-certificates=" + certs.caFile(),
                "--modelgate.certificates-resolvers.pebble.acme.email=ops@example.test",
                "--modelgate.certificates-resolvers.pebble.acme.storage=" + dir.resolve("acme.json"),
                "--modelgate.certificates-resolvers.pebble.acme.http-challenge.entry-point=web",
                "--modelgate.certificates-resolvers.pebble.acme.key-type=EC256",
                "--modelgate.certificates-resolvers.alpn.acme.ca-server=https://localhost:" + pebble + "/dir",
                "--modelgate.certificates-resolvers.alpn.acme.ca-certificates=" + certs.caFile(),
                "--modelgate.certificates-resolvers.alpn.acme.storage=" + dir.resolve("acme.json"),
                "--modelgate.certificates-resolvers.alpn.acme.tls-challenge=true",
                "--modelgate.certificates-resolvers.alpn.acme.key-type=EC256",
                "--modelgate.tls.check-interval=200ms");
    }

    static Process start(List<String> command, String name) throws Exception {
        Map<String, String> env = Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Pebble's root certificate, from its management interface (a new one each time pebble starts). */
    static String roots() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(certs.clientContext()).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + pebbleManagement + "/roots/0")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @AfterAll
    static void stop() {
        if (gw != null) {
            gw.close();
        }
        if (backend != null) {
            backend.close();
        }
        processes.forEach(Process::destroy);
    }

    @Test
    void aRouterWithACertResolverIsServedTheCertificatePebbleIssuesThroughHttp01() throws Exception {
        route(HOST, "tls: { certResolver: pebble }");

        assertThat(servedOnceIssued(HOST)).startsWith("HTTP/1.1 200");
        assertThat(backend.requests()).isPositive();

        Path storage = dir.resolve("acme.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(storage))).isEqualTo("rw-------");
        String json = Files.readString(storage);
        assertThat(json).contains("\"pebble\"").contains("\"main\" : \"" + HOST + "\"").contains("\"Registration\"");
        assertThat(gw.adminText("/api/http/routers")).contains("acme-http@internal");
    }

    @Test
    void aRouterWithoutTlsOnWebsecureGetsItsCertificateFromTheEntryPointsDefaultResolver() throws Exception {
        route(DEFAULT_HOST, "");

        assertThat(servedOnceIssued(DEFAULT_HOST)).startsWith("HTTP/1.1 200");
        assertThat(Files.readString(dir.resolve("acme.json"))).contains("\"main\" : \"" + DEFAULT_HOST + "\"");
    }

    @Test
    void aResolverWithTlsChallengeIsValidatedByTheCasAcmeTlsHandshakeOnWebsecure() throws Exception {
        route(ALPN_HOST, "tls: { certResolver: alpn }");

        // the alpn resolver has no HTTP-01 entry point: only pebble's tls-alpn-01 validation can have passed
        assertThat(servedOnceIssued(ALPN_HOST)).startsWith("HTTP/1.1 200");
        assertThat(Files.readString(dir.resolve("acme.json"))).contains("\"alpn\"")
                .contains("\"main\" : \"" + ALPN_HOST + "\"");
    }

    /** The routes file: one router for {@code host} on websecure, with this {@code tls} line (or none). */
    static void route(String host, String tls) throws Exception {
        gw.writeRoutes("""
                http:
                  routers:
                    model:
                      rule: "Host(`%s`)"
                      entryPoints: [ websecure ]
                      service: model
                      %s
                  services:
                    model: { loadBalancer: { servers: [ { url: "%s" } ] } }
                """.formatted(host, tls, backend.url()));
    }

    /** The response to {@code host} once websecure serves it a certificate that chains to pebble's root. */
    static String servedOnceIssued(String host) throws Exception {
        SSLContext trustPebble = trusting(roots());
        String[] served = new String[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            served[0] = https(trustPebble, host);
            return true;
        });
        return served[0];
    }

    @Test
    void theChallengePathAnswers404ForATokenNoOrderIsWaitingFor() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + webPort + "/.well-known/acme-challenge/not-a-token")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
    }

    /** One request to the router's host over TLS with its name as SNI; the whole response, chain checked against pebble. */
    static String https(SSLContext ctx, String host) throws Exception {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", securePort)) {
            s.setSoTimeout(10_000);
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(host)));
            s.setSSLParameters(p);
            s.startHandshake();
            X509Certificate leaf = (X509Certificate) s.getSession().getPeerCertificates()[0];
            assertThat(leaf.getSubjectAlternativeNames()).anyMatch(san -> san.get(1).equals(host));
            s.getOutputStream().write(("GET /predict HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            s.getInputStream().transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    static SSLContext trusting(String pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("pebble", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
