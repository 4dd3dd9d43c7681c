package io.modelgate.gateway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

/** Hop-by-hop headers (RFC 9110 §7.6.1) removed before forwarding, on plain header maps. */
class HopByHopHeadersTest {

    @Test
    void stripsHopByHopAndConnectionListedHeaders() {
        HttpHeaders h = new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Foo , upgrade").add("X-Foo", "1").add("Keep-Alive", "5")
                .add("TE", "trailers").add("Upgrade", "websocket").add("Transfer-Encoding", "chunked").add("X-Bar", "2");
        HopByHopHeaders.strip(h, false);
        assertThat(h.names()).containsExactlyInAnyOrder("Transfer-Encoding", "X-Bar");
    }

    @Test
    void keepsUpgradeForWebSockets() {
        HttpHeaders h = new DefaultHttpHeaders().add("Connection", "Upgrade").add("Upgrade", "websocket");
        HopByHopHeaders.strip(h, true);
        assertThat(h.get("Upgrade")).isEqualTo("websocket");
        assertThat(h.contains("Connection")).isFalse();
    }
}
