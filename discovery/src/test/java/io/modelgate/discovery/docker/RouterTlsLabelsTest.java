package io.modelgate.discovery.docker;

import static io.modelgate.discovery.docker.LabelFixtures.label;
import static io.modelgate.discovery.docker.LabelFixtures.name;
import static io.modelgate.discovery.docker.LabelFixtures.network;
import static io.modelgate.discovery.docker.LabelFixtures.port;
import static io.modelgate.discovery.docker.LabelFixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.RouterTls;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A typical Traefik HTTPS stack's router labels: {@code entrypoints=websecure}, {@code tls=true}, {@code tls.*}. */
class RouterTlsLabelsTest {

    private static ProviderSnapshot decode(LabelFixtures.Part... labels) {
        List<LabelFixtures.Part> parts = new java.util.ArrayList<>(List.of(labels));
        parts.add(name("web"));
        parts.add(network("ml", "10.0.0.2"));
        parts.add(port(80));
        return new LabelDecoder(LabelSettings.defaults())
                .decode(List.of(workload(parts.toArray(LabelFixtures.Part[]::new))));
    }

    @Test
    void tlsLabelsMakeATlsRouterOnItsEntryPoints() {
        ProviderSnapshot s = decode(label("traefik.http.routers.api.rule", "Host(`api.example`)"),
                label("traefik.http.routers.api.entrypoints", "websecure"),
                label("traefik.http.routers.api.tls", "true"),
                label("traefik.http.routers.api.tls.certresolver", "le"),
                label("traefik.http.routers.api.tls.options", "modern@file"),
                label("traefik.http.routers.api.tls.domains[0].main", "example"),
                label("traefik.http.routers.api.tls.domains[0].sans", "a.example, b.example"));
        assertThat(s.problems()).isEmpty();
        var router = s.config().routers().get("api");
        assertThat(router.entryPoints()).containsExactly("websecure");
        assertThat(router.tls()).isEqualTo(new RouterTls("modern@file", "le",
                List.of(new RouterTls.Domain("example", List.of("a.example", "b.example")))));
    }

    @Test
    void tlsTrueAloneUsesTheDefaultsAndTlsFalseIsAPlainRouter() {
        assertThat(decode(label("traefik.http.routers.a.rule", "Host(`a`)"), label("traefik.http.routers.a.tls", "true"))
                .config().routers().get("a").tls()).isEqualTo(RouterTls.DEFAULT);
        assertThat(decode(label("traefik.http.routers.a.rule", "Host(`a`)"), label("traefik.http.routers.a.tls", "false"))
                .config().routers().get("a").tls()).isNull();
    }

    @Test
    void aBadTlsLabelDropsTheRouterWithAReason() {
        ProviderSnapshot s = decode(label("traefik.http.routers.a.rule", "Host(`a`)"),
                label("traefik.http.routers.a.tls", "yes"));
        assertThat(s.config().routers()).isEmpty();
        assertThat(s.problems()).extracting(Problem::message).singleElement().asString()
                .contains("tls must be true or false, got 'yes'");
        ProviderSnapshot t = decode(label("traefik.http.routers.a.rule", "Host(`a`)"),
                label("traefik.http.routers.a.tls.domains[0].sans", "b"));
        assertThat(t.problems()).extracting(Problem::message).singleElement().asString()
                .contains("router a tls.domains[0] has no main");
    }
}
