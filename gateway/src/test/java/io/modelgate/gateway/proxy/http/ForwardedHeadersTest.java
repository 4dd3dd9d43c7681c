package io.modelgate.gateway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

/** X-Forwarded-* and X-Real-Ip: replaced from untrusted clients, kept and appended to from trusted ones. */
class ForwardedHeadersTest {

    private final ForwardedHeaders forwarded = new ForwardedHeaders("gw-1");

    @Test
    void untrustedClientsForwardedHeadersAreReplaced() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-For", "6.6.6.6").add("x-forwarded-user", "root")
                .add("X-Forwarded-Proto", "https").add("Forwarded", "for=6.6.6.6").add("X-Real-Ip", "6.6.6.6");
        forwarded.apply(h, "10.1.2.3", false, "api.example:8443");
        assertThat(h.get("X-Forwarded-For")).isEqualTo("10.1.2.3");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(h.get("X-Forwarded-Host")).isEqualTo("api.example:8443");
        assertThat(h.get("X-Forwarded-Port")).isEqualTo("8443");
        assertThat(h.get("X-Forwarded-Server")).isEqualTo("gw-1");
        assertThat(h.get("X-Real-Ip")).isEqualTo("10.1.2.3");
        assertThat(h.contains("X-Forwarded-User")).isFalse();
        assertThat(h.contains("Forwarded")).isFalse();
    }

    @Test
    void trustedClientsForwardedHeadersAreKeptAndAppended() {
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-For", "203.0.113.9").add("X-Forwarded-Proto", "https")
                .add("X-Forwarded-Host", "public.example");
        forwarded.apply(h, "10.0.0.2", true, "internal:8080");
        assertThat(h.get("X-Forwarded-For")).isEqualTo("203.0.113.9, 10.0.0.2");
        assertThat(h.get("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(h.get("X-Forwarded-Host")).isEqualTo("public.example");
    }

    @Test
    void portDefaultsToTheSchemesWhenTheHostHasNone() {
        HttpHeaders h = new DefaultHttpHeaders();
        forwarded.apply(h, "10.0.0.2", false, "api.example");
        assertThat(h.get("X-Forwarded-Port")).isEqualTo("80");
        HttpHeaders viaTls = new DefaultHttpHeaders().add("X-Forwarded-Proto", "https");
        forwarded.apply(viaTls, "10.0.0.2", true, "api.example");
        assertThat(viaTls.get("X-Forwarded-Port")).isEqualTo("443");
    }
}
