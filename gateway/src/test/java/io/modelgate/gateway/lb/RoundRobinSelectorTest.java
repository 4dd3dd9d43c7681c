package io.modelgate.gateway.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ServerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round robin with passive health on an injected clock: no server, no network. */
class RoundRobinSelectorTest {

    private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    private final PassiveHealth health = new PassiveHealth(nanos::get, java.time.Duration.ofSeconds(2));

    private RoundRobinSelector rr(UpstreamServer... servers) {
        return new RoundRobinSelector(List.of(servers), health);
    }

    private final UpstreamServer a = UpstreamServer.of(ServerSpec.of("http://10.0.0.1:8000"));
    private final UpstreamServer b = UpstreamServer.of(ServerSpec.of("http://10.0.0.2:8000"));
    private final UpstreamServer c = UpstreamServer.of(ServerSpec.of("http://10.0.0.3:8000"));

    @Test
    void pickNeverReturnsTheExcludedServer() {
        RoundRobinSelector pool = rr(a, b);
        for (int i = 0; i < 5; i++) {
            assertThat(pool.pick(a)).isEqualTo(b);
        }
        assertThat(rr(a).pick(a)).isNull();
    }

    @Test
    void serverThatRefusedAConnectionIsSkipped() {
        RoundRobinSelector pool = rr(a, b, c);
        health.failed(b);
        for (int i = 0; i < 9; i++) {
            assertThat(pool.pick(null)).isNotEqualTo(b);
        }
    }

    @Test
    void whenEveryServerFailedOneIsStillTried() {
        RoundRobinSelector pool = rr(a, b);
        health.failed(a);
        health.failed(b);
        assertThat(pool.pick(null)).isIn(a, b);
        assertThat(pool.pick(a)).isEqualTo(b);
    }

    @Test
    void aFailedServerIsBackInRotationAfterTheEjectionTime() {
        RoundRobinSelector pool = rr(a, b);
        health.failed(a);
        for (int i = 0; i < 4; i++) {
            assertThat(pool.pick(null)).isEqualTo(b);
        }
        nanos.addAndGet(java.time.Duration.ofMillis(2001).toNanos());
        java.util.Set<UpstreamServer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            seen.add(pool.pick(null));
        }
        assertThat(seen).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void emptyPoolPicksNothing() {
        assertThat(rr().pick(null)).isNull();
    }
}
