package io.modelgate.gateway.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.config.ServerSpec;
import java.net.URI;
import org.junit.jupiter.api.Test;

class UpstreamServerTest {

    private static UpstreamServer of(String url) {
        return UpstreamServer.of(new ServerSpec(URI.create(url), 1));
    }

    @Test
    void anH2cUrlIsCleartextHttp2WithItsOwnPoolKey() {
        UpstreamServer s = of("h2c://10.0.0.7:50051/base/");
        assertThat(s.h2c()).isTrue();
        assertThat(s.tls()).isFalse();
        assertThat(s.port()).isEqualTo(50051);
        assertThat(s.basePath()).isEqualTo("/base");
        assertThat(s.poolKey()).as("never shares connections with http:// to the same address")
                .isEqualTo("h2c://10.0.0.7:50051").isNotEqualTo(of("http://10.0.0.7:50051").poolKey());
        assertThat(of("h2c://models.internal").port()).as("like http://").isEqualTo(80);
    }

    @Test
    void overHttp1IsTheSameAddressForUpgrades() {
        UpstreamServer h1 = of("h2c://10.0.0.7:50051").overHttp1();
        assertThat(h1.h2c()).isFalse();
        assertThat(h1.tls()).isFalse();
        assertThat(h1.address()).isEqualTo(of("h2c://10.0.0.7:50051").address());
        assertThat(h1.poolKey()).isEqualTo("http://10.0.0.7:50051");
        UpstreamServer plain = of("http://10.0.0.7:8000");
        assertThat(plain.h2c()).isFalse();
        assertThat(plain.overHttp1()).isSameAs(plain);
    }

    @Test
    void otherSchemesAreRefusedWithOneLine() {
        assertThatThrownBy(() -> of("grpc://10.0.0.7:50051")).hasMessage(
                "server url 'grpc://10.0.0.7:50051' must be http://, https:// or h2c://");
    }
}
