package io.modelgate.discovery.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.config.RouterTls;
import io.modelgate.discovery.config.TlsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The file provider's {@code tls:} section and routers' {@code tls}, as Traefik writes them. */
class TlsDecoderTest {

    @Test
    void decodesCertificatesTheDefaultCertificateAndOptions() {
        var r = HttpConfigDecoderTest.decode("""
                tls:
                  certificates:
                    - { certFile: /certs/a.crt, keyFile: /certs/a.key }
                    - certFile: /certs/b.crt
                      keyFile: /certs/b.key
                      stores: [ default ]
                  stores:
                    default:
                      defaultCertificate: { certFile: /certs/d.crt, keyFile: /certs/d.key }
                  options:
                    default: { minVersion: VersionTLS12 }
                    modern:
                      minVersion: VersionTLS13
                      alpnProtocols: [ http/1.1 ]
                      sniStrict: true
                      clientAuth: { caFiles: [ /certs/ca.pem ], clientAuthType: RequireAndVerifyClientCert }
                http:
                  routers:
                    r: { rule: "Host(`a`)", service: s, tls: { options: modern, certResolver: le, domains: [ { main: a, sans: [ b, c ] } ] } }
                    plain: { rule: "Host(`p`)", service: s }
                    empty: { rule: "Host(`e`)", service: s, tls: {} }
                  services:
                    s: { loadBalancer: { servers: [ { url: "http://h:1" } ] } }
                """);
        assertThat(r.problems()).isEmpty();
        TlsConfig tls = r.config().tls();
        assertThat(tls.certificates()).extracting(TlsConfig.Certificate::certFile).containsExactly("/certs/a.crt", "/certs/b.crt");
        assertThat(tls.certificates().getFirst().origin()).isEqualTo("routes.yml:3");
        assertThat(tls.defaultCertificate().keyFile()).isEqualTo("/certs/d.key");
        TlsConfig.TlsOptions modern = tls.options().get("modern");
        assertThat(modern.minVersion()).isEqualTo("VersionTLS13");
        assertThat(modern.alpnProtocols()).containsExactly("http/1.1");
        assertThat(modern.sniStrict()).isTrue();
        assertThat(modern.clientAuth()).isEqualTo("RequireAndVerifyClientCert");
        assertThat(modern.clientCas()).containsExactly("/certs/ca.pem");
        assertThat(tls.options().get("default").alpnProtocols()).as("Traefik's default ALPN").containsExactly("h2", "http/1.1");
        assertThat(r.config().routers().get("r").tls()).isEqualTo(new RouterTls("modern", "le",
                List.of(new RouterTls.Domain("a", List.of("b", "c")))));
        assertThat(r.config().routers().get("plain").tls()).isNull();
        assertThat(r.config().routers().get("empty").tls()).isEqualTo(RouterTls.DEFAULT);
    }

    @Test
    void whatIsNotImplementedIsRefusedByNameAndTheTlsSectionIsLeftOutWhole() {
        for (String[] c : new String[][] {
                {"tls:\n  options:\n    o: { curvePreferences: [ CurveP521 ] }\n", "tls.options.o.curvePreferences is not supported yet"},
                {"tls:\n  stores:\n    other: {}\n", "TLS store 'other': only the default store exists"},
                {"tls:\n  options:\n    o: { minVersion: TLS12 }\n", "tls.options.o.minVersion 'TLS12' is not one of"},
                {"tls:\n  options:\n    o: { clientAuth: { clientAuthType: RequireAnyClientCert, caFiles: [x] } }\n",
                        "clientAuthType 'RequireAnyClientCert' is not supported"},
                {"tls:\n  options:\n    o: { clientAuth: { clientAuthType: RequireAndVerifyClientCert } }\n", "needs caFiles"},
                {"tls:\n  certificates:\n    - { certFile: a.crt }\n", "needs certFile and keyFile"},
                {"tls:\n  options:\n    o: { alpnProtocols: [ h3 ] }\n", "'h3' is not supported"}}) {
            var r = HttpConfigDecoderTest.decode(c[0]);
            assertThat(r.config().tls()).as(c[0]).isEqualTo(TlsConfig.EMPTY);
            assertThat(r.problems()).as(c[0]).singleElement().extracting(Problem::message).asString().contains(c[1])
                    .endsWith("the tls section is not used");
        }
    }
}
