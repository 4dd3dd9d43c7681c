package io.modelgate.discovery.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.config.HealthCheckSpec;
import io.modelgate.discovery.config.PassiveHealthSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health-check options as labels and file entries: Traefik's names and defaults, clear errors. */
class HealthCheckDecoderTest {

    @Test
    void activeOptionsWithTraefiksDefaults() {
        HealthCheckSpec spec = HealthCheckDecoder.active(Map.of("path", "/ruok"));
        assertThat(spec.path()).isEqualTo("/ruok");
        assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.unhealthyInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.followRedirects()).isTrue();
        assertThat(spec.healthy(204)).isTrue();
        assertThat(spec.healthy(302)).isTrue();
        assertThat(spec.healthy(404)).isFalse();
        assertThat(spec.healthy(503)).isFalse();
    }

    @Test
    void everyActiveOption() {
        HealthCheckSpec spec = HealthCheckDecoder.active(Map.of("path", "/health", "interval", "2s",
                "unhealthyinterval", "500ms", "timeout", "1s", "scheme", "https", "port", "9000", "hostname", "probe.local",
                "headers.X-Probe", "yes", "status", "204", "followredirects", "false"));
        assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(spec.unhealthyInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(spec.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(spec.scheme()).isEqualTo("https");
        assertThat(spec.port()).isEqualTo(9000);
        assertThat(spec.hostname()).isEqualTo("probe.local");
        assertThat(spec.headers()).containsExactly(Map.entry("X-Probe", "yes"));
        assertThat(spec.healthy(204)).isTrue();
        assertThat(spec.healthy(200)).as("only the configured status").isFalse();
        assertThat(spec.followRedirects()).isFalse();
    }

    @Test
    void badActiveOptionsNameTheKey() {
        assertThatThrownBy(() -> HealthCheckDecoder.active(Map.of("intervall", "2s")))
                .hasMessageContaining("unknown key 'intervall' in healthCheck");
        assertThatThrownBy(() -> HealthCheckDecoder.active(Map.of("interval", "2 seconds")))
                .hasMessageContaining("durations look like");
        assertThatThrownBy(() -> HealthCheckDecoder.active(Map.of("mode", "grpc"))).hasMessageContaining("only http");
        assertThatThrownBy(() -> HealthCheckDecoder.active(Map.of("path", "health"))).hasMessageContaining("start with /");
        assertThatThrownBy(() -> HealthCheckDecoder.active(Map.of("status", "99"))).hasMessageContaining("100-599");
        assertThatThrownBy(() -> HealthCheckDecoder.active(Map.of("method", "POST"))).hasMessageContaining("only GET");
        assertThat(HealthCheckDecoder.active(Map.of())).isNull();
    }

    @Test
    void passiveOptions() {
        PassiveHealthSpec spec = HealthCheckDecoder.passive(Map.of("failurewindow", "3s", "maxfailedattempts", "3",
                "status", "500-504", "maxejection", "1m"));
        assertThat(spec.failureWindow()).isEqualTo(Duration.ofSeconds(3));
        assertThat(spec.maxFailedAttempts()).isEqualTo(3);
        assertThat(spec.status().contains(500)).isTrue();
        assertThat(spec.status().contains(505)).isFalse();
        assertThat(spec.maxEjection()).isEqualTo(Duration.ofMinutes(1));
        PassiveHealthSpec defaults = HealthCheckDecoder.passive(Map.of("maxfailedattempts", "2"));
        assertThat(defaults.failureWindow()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.status().contains(502)).isTrue();
        assertThat(defaults.status().contains(500)).as("a 500 is the model's answer, not a sick server").isFalse();
        assertThatThrownBy(() -> HealthCheckDecoder.passive(Map.of("maxfailedattempts", "0")))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> HealthCheckDecoder.passive(Map.of("failurewindow", "10s", "maxejection", "5s")))
                .hasMessageContaining("maxEjection");
    }

    @Test
    void fromTheFile() {
        var result = HttpConfigDecoder.decode(YamlTree.parse("""
                http:
                  services:
                    m:
                      loadBalancer:
                        servers: [{url: "http://10.0.0.1:8000"}]
                        healthCheck:
                          path: /health
                          interval: 5s
                          headers:
                            X-Probe: gateway
                        passiveHealthCheck:
                          failureWindow: 3s
                          maxFailedAttempts: 3
                          status: ["500", "502-504"]
                """, "test.yml"), "file");
        var lb = result.config().services().get("m").loadBalancer();
        assertThat(lb.healthCheck().path()).isEqualTo("/health");
        assertThat(lb.healthCheck().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(lb.healthCheck().headers()).containsEntry("X-Probe", "gateway");
        assertThat(lb.passiveHealthCheck().maxFailedAttempts()).isEqualTo(3);
        assertThat(lb.passiveHealthCheck().status().contains(500)).isTrue();
        assertThat(result.problems()).isEmpty();
    }
}
