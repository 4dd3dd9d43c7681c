package io.modelgate.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ServerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePoolTest {

    private final UpstreamServer a = UpstreamServer.of(ServerSpec.of("http://10.0.0.1:8000"));
    private final UpstreamServer b = UpstreamServer.of(ServerSpec.of("http://10.0.0.2:8000"));
    private final UpstreamServer c = UpstreamServer.of(ServerSpec.of("http://10.0.0.3:8000"));

    @Test
    void pickNeverReturnsTheExcludedServer() {
        ServicePool pool = ServicePool.of("s@file", List.of(a, b), true);
        for (int i = 0; i < 5; i++) {
            assertThat(pool.pick(a)).isEqualTo(b);
        }
        assertThat(ServicePool.of("s@file", List.of(a), true).pick(a)).isNull();
    }

    @Test
    void serverThatRefusedAConnectionIsSkipped() {
        ServicePool pool = ServicePool.of("s@file", List.of(a, b, c), true);
        pool.connectFailed(b);
        for (int i = 0; i < 9; i++) {
            assertThat(pool.pick(null)).isNotEqualTo(b);
        }
    }

    @Test
    void whenEveryServerFailedOneIsStillTried() {
        ServicePool pool = ServicePool.of("s@file", List.of(a, b), true);
        pool.connectFailed(a);
        pool.connectFailed(b);
        assertThat(pool.pick(null)).isIn(a, b);
        assertThat(pool.pick(a)).isEqualTo(b);
    }

    @Test
    void emptyPoolPicksNothing() {
        assertThat(ServicePool.of("s@file", List.of(), true).pick(null)).isNull();
    }
}
