package io.modelgate.gateway.middleware.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.SourceCriterion;
import io.modelgate.discovery.config.SourceCriterion.IpStrategy;
import io.modelgate.discovery.rule.Cidr;
import io.modelgate.gateway.pipeline.Identity;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Traefik's sourceCriterion over the X-Forwarded-For the entry point forwards (peer appended last). */
class SourceKeyTest {

    static HttpRequest request(String xff) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        r.headers().set("X-Forwarded-For", xff).set("Host", "a.example:8080").set("X-Key", "k1");
        return r;
    }

    static String key(SourceCriterion c, String xff) {
        return new SourceKey(c).of(request(xff), null);
    }

    static SourceCriterion ip(int depth, String... excluded) {
        return new SourceCriterion(new IpStrategy(depth, java.util.Arrays.stream(excluded).map(Cidr::parse).toList()),
                null, false, false);
    }

    @Test
    void depthZeroIsTheConnectingPeer() {
        assertThat(key(SourceCriterion.clientIp(), "203.0.113.7, 10.0.0.5")).isEqualTo("10.0.0.5");
        assertThat(key(SourceCriterion.clientIp(), "10.0.0.5")).isEqualTo("10.0.0.5");
    }

    @Test
    void depthCountsWhatTrustedProxiesSaidFromTheRight() {
        String xff = "198.51.100.1, 203.0.113.7, 10.0.0.5"; // client, CDN said; 10.0.0.5 is the peer
        assertThat(key(ip(1), xff)).isEqualTo("203.0.113.7");
        assertThat(key(ip(2), xff)).isEqualTo("198.51.100.1");
        assertThat(key(ip(3), xff)).as("deeper than the list: the shared empty source").isEmpty();
        assertThat(key(ip(1, "203.0.113.0/24"), xff)).as("a depth wins over excludedIPs").isEqualTo("203.0.113.7");
    }

    @Test
    void excludedIpsAreSkippedFromTheRight() {
        String xff = "198.51.100.1, 203.0.113.7, 10.0.0.5";
        assertThat(key(ip(0, "203.0.113.0/24"), xff)).isEqualTo("198.51.100.1");
        assertThat(key(ip(0, "192.0.2.1"), xff)).isEqualTo("203.0.113.7");
        assertThat(key(ip(0, "0.0.0.0/0"), xff)).isEmpty();
    }

    @Test
    void headerHostAndUser() {
        assertThat(key(new SourceCriterion(null, "X-Key", false, false), "10.0.0.5")).isEqualTo("k1");
        assertThat(key(new SourceCriterion(null, "X-Missing", false, false), "10.0.0.5")).isEmpty();
        assertThat(key(SourceCriterion.host(), "10.0.0.5")).isEqualTo("a.example:8080");
        SourceKey user = new SourceKey(new SourceCriterion(null, null, false, true));
        assertThat(user.of(request("10.0.0.5"), Identity.user("ann"))).isEqualTo("user:ann");
        assertThat(user.of(request("10.0.0.5"), null)).as("no identity: the client IP").isEqualTo("ip:10.0.0.5");
        assertThat(List.of(user.of(request("10.0.0.5"), Identity.user("10.0.0.5"))))
                .as("a user named like an IP is not that IP").doesNotContain("ip:10.0.0.5");
    }
}
