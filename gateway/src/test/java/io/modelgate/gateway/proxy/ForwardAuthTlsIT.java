package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.TestBackend;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * forwardAuth to an https auth service whose certificate is self-signed (made by the JDK's keytool): trusted
 * through {@code tls.ca}, refused (503, fail closed) without it, accepted with {@code insecureSkipVerify};
 * the decision cache's hits and misses on {@code /metrics}.
 */
class ForwardAuthTlsIT {

    @TempDir
    Path dir;

    private void keytool(String... args) throws Exception {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("keytool: %s", out).isTrue();
    }

    @Test
    void caTrustedSkipVerifyAcceptedUntrustedRefused() throws Exception {
        Path keystore = dir.resolve("auth.p12");
        Path ca = dir.resolve("auth-ca.pem");
        keytool("-genkeypair", "-alias", "auth", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "auth", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", ca.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(keystore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        var serverSsl = SslContextBuilder.forServer(kmf).build();
        AtomicInteger calls = new AtomicInteger();
        DisposableServer auth = HttpServer.create().host("127.0.0.1").port(0).secure(spec -> spec.sslContext(serverSsl))
                .handle((req, res) -> {
                    calls.incrementAndGet();
                    return res.header("X-Auth-User", "alice").header("Cache-Control", "max-age=30").send();
                }).bindNow();
        try (TestBackend backend = new TestBackend("model");
             GatewayInstance gw = new GatewayInstance(dir, """
                     http:
                       routers:
                         ca:       { rule: "Host(`ca`)", service: s, middlewares: [withCa] }
                         insecure: { rule: "Host(`insecure`)", service: s, middlewares: [skipVerify] }
                         plain:    { rule: "Host(`plain`)", service: s, middlewares: [jvmTrust] }
                       middlewares:
                         withCa:     { forwardAuth: { address: "https://127.0.0.1:%1$d/auth", authResponseHeaders: [X-Auth-User], tls: { ca: "%2$s" } } }
                         skipVerify: { forwardAuth: { address: "https://127.0.0.1:%1$d/auth", tls: { insecureSkipVerify: true } } }
                         jvmTrust:   { forwardAuth: { address: "https://127.0.0.1:%1$d/auth", timeout: 2s } }
                       services: { s: { loadBalancer: { servers: [ { url: "%3$s" } ] } } }
                     """.formatted(auth.port(), ca, backend.url()))) {
            for (int i = 0; i < 5; i++) {
                RawHttp.Response ok = RawHttp.exchange(gw.port(),
                        "GET /api/v1/m/x HTTP/1.1\r\nHost: ca\r\nAuthorization: Bearer t\r\nConnection: close\r\n\r\n");
                assertThat(ok.status()).isEqualTo(200);
            }
            assertThat(backend.last().headers().get("X-Auth-User")).isEqualTo("alice");
            assertThat(RawHttp.exchange(gw.port(), "GET /x HTTP/1.1\r\nHost: insecure\r\nConnection: close\r\n\r\n").status())
                    .isEqualTo(200);
            int forwarded = backend.requests();
            RawHttp.Response untrusted = RawHttp.exchange(gw.port(),
                    "GET /x HTTP/1.1\r\nHost: plain\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
            assertThat(untrusted.status()).as("a certificate the JVM does not trust: fail closed").isEqualTo(503);
            assertThat(backend.requests()).isEqualTo(forwarded);

            String metrics = gw.adminText("/metrics");
            assertThat(metrics).containsPattern("modelgate_forwardauth_cache_total\\{[^}]*middleware=\"withCa@file\""
                    + "[^}]*result=\"hit\"[^}]*} 4\\.0");
            assertThat(metrics).containsPattern("modelgate_forwardauth_cache_total\\{[^}]*middleware=\"withCa@file\""
                    + "[^}]*result=\"miss\"[^}]*} 1\\.0");
        } finally {
            auth.disposeNow();
        }
    }
}
