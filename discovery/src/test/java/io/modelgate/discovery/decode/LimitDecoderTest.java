package io.modelgate.discovery.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.config.AdmissionSpec;
import io.modelgate.discovery.config.InFlightReqSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RateLimitSpec;
import io.modelgate.discovery.config.SourceCriterion;
import io.modelgate.discovery.rule.Cidr;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** rateLimit, inFlightReq and the load balancer's admission options, as Traefik writes them. */
class LimitDecoderTest {

    static MiddlewareSpec middleware(String yaml) {
        return MiddlewareDecoder.decode(YamlTree.parse(yaml, "m.yml"));
    }

    @Test
    void rateLimitWithTraefiksDefaults() {
        RateLimitSpec r = (RateLimitSpec) middleware("rateLimit: { average: 100 }");
        assertThat(r.limit()).isEqualTo(new RateLimitSpec.Limit(100, Duration.ofSeconds(1), 1));
        assertThat(r.sourceCriterion()).isEqualTo(SourceCriterion.clientIp());
        assertThat(r.plans()).isEmpty();
    }

    @Test
    void rateLimitWithEveryOption() {
        RateLimitSpec r = (RateLimitSpec) middleware("""
                rateLimit:
                  average: 6
                  period: 1m
                  burst: 12
                  sourceCriterion:
                    ipStrategy: { depth: 2, excludedIPs: ["10.0.0.0/8", "192.168.1.7"] }
                  plans:
                    Free: { average: 5 }
                    pro: { average: 100, period: 10s, burst: 200 }
                """);
        assertThat(r.limit()).isEqualTo(new RateLimitSpec.Limit(6, Duration.ofMinutes(1), 12));
        assertThat(r.sourceCriterion().ipStrategy().depth()).isEqualTo(2);
        assertThat(r.sourceCriterion().ipStrategy().excludedIps())
                .containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.1.7"));
        assertThat(r.plans()).containsOnlyKeys("free", "pro");
        assertThat(r.plans().get("free")).isEqualTo(new RateLimitSpec.Limit(5, Duration.ofSeconds(1), 1));
        assertThat(r.plans().get("pro")).isEqualTo(new RateLimitSpec.Limit(100, Duration.ofSeconds(10), 200));
    }

    @Test
    void aBarePeriodIsSecondsAndABurstBelowOneIsOne() {
        RateLimitSpec r = (RateLimitSpec) middleware("rateLimit: { average: 3, period: 60, burst: 0 }");
        assertThat(r.limit().period()).isEqualTo(Duration.ofMinutes(1));
        assertThat(r.limit().burst()).isEqualTo(1);
    }

    @Test
    void userAndHeaderCriteria() {
        assertThat(((RateLimitSpec) middleware("rateLimit: { average: 1, sourceCriterion: { user: true } }"))
                .sourceCriterion().user()).isTrue();
        assertThat(((RateLimitSpec) middleware("rateLimit: { average: 1, sourceCriterion: { requestHeaderName: X-Key } }"))
                .sourceCriterion().requestHeaderName()).isEqualTo("X-Key");
    }

    @Test
    void inFlightReqDefaultsToTheRequestHost() {
        InFlightReqSpec f = (InFlightReqSpec) middleware("inFlightReq: { amount: 10 }");
        assertThat(f.amount()).isEqualTo(10);
        assertThat(f.sourceCriterion()).isEqualTo(SourceCriterion.host());
        assertThat(((InFlightReqSpec) middleware("inFlightReq: { amount: 2, sourceCriterion: { user: true } }"))
                .sourceCriterion().user()).isTrue();
    }

    @Test
    void badOptionsSayWhatIsWrong() {
        assertThatThrownBy(() -> middleware("rateLimit: { average: -1 }")).hasMessageContaining("rateLimit.average must be a non-negative integer");
        assertThatThrownBy(() -> middleware("rateLimit: { average: 1, period: soon }")).hasMessageContaining("rateLimit.period");
        assertThatThrownBy(() -> middleware("rateLimit: { average: 1, avg: 2 }")).hasMessageContaining("unknown key 'avg'");
        assertThatThrownBy(() -> middleware("rateLimit: { plans: { free: { burst: 2 } } }"))
                .hasMessageContaining("rateLimit.plans.free needs an average");
        assertThatThrownBy(() -> middleware("rateLimit: { sourceCriterion: { ipStrategy: { excludedIPs: [nope] } } }"))
                .hasMessageContaining("'nope' is not an IP address or CIDR");
        assertThatThrownBy(() -> middleware("inFlightReq: {}")).hasMessageContaining("inFlightReq needs an amount");
        assertThatThrownBy(() -> middleware("inFlightReq: { amount: 0 }")).hasMessageContaining("at least 1");
    }

    @Test
    void admissionFromFlatKeysAsLabelsWriteThem() {
        assertThat(AdmissionDecoder.fromFlat(Map.of())).isNull();
        assertThat(AdmissionDecoder.fromFlat(Map.of("server.maxinflight", "1")))
                .isEqualTo(new AdmissionSpec(1, AdmissionSpec.DEFAULT_QUEUE_SIZE, AdmissionSpec.DEFAULT_QUEUE_TIMEOUT));
        assertThat(AdmissionDecoder.fromFlat(Map.of("server.maxinflight", "2", "queue.size", "0", "queue.timeout", "500ms")))
                .isEqualTo(new AdmissionSpec(2, 0, Duration.ofMillis(500)));
        assertThatThrownBy(() -> AdmissionDecoder.fromFlat(Map.of("server.maxinflight", "0"))).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> AdmissionDecoder.fromFlat(Map.of("server.maxinflight", "x"))).hasMessageContaining("integer");
    }

    @Test
    void admissionFromTheFileIsTheSameAsFromLabels() {
        var result = HttpConfigDecoder.decode(YamlTree.parse("""
                http:
                  services:
                    s:
                      loadBalancer:
                        servers: [ { url: "http://10.0.0.1:80" } ]
                        server: { maxInFlight: 1 }
                        queue: { size: 4, timeout: 2s }
                """, "r.yml"), "file");
        assertThat(result.problems()).isEmpty();
        assertThat(result.config().services().get("s").loadBalancer().admission())
                .isEqualTo(AdmissionDecoder.fromFlat(Map.of("server.maxinflight", "1", "queue.size", "4", "queue.timeout", "2s")));
        assertThat(List.of(result.config().services().get("s").loadBalancer().admission().queueSize())).containsExactly(4);
    }
}
