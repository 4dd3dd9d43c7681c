package io.modelgate.gateway.lb.sticky;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.gateway.lb.UpstreamServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Lease tables outlive a reload but not their service: under churn (a model per user, scaled away at night) the
 * registry would otherwise keep a table for every service ever seen.
 */
class LeaseRegistryTest {

    private final AtomicLong nanos = new AtomicLong();
    private final LeaseRegistry registry = new LeaseRegistry(nanos::get);
    private final List<UpstreamServer> one = List.of(UpstreamServer.of(ServerSpec.of("http://10.0.0.1:8000")));

    @Test
    void aGoneServiceKeepsItsTableUntilItsLastLeaseExpires() {
        MemoryLeases leases = (MemoryLeases) registry.forService("annotate", Duration.ofMinutes(10));
        assertThat(leases.acquireNow("alice", one, s -> true)).isEqualTo(one.getFirst());

        registry.retain(Set.of()); // the service left the configuration (its replica restarts)
        assertThat(registry.services()).as("alice's lease is still live").isEqualTo(1);
        assertThat(registry.forService("annotate", Duration.ofMinutes(10)))
                .as("the service is back within the idle time: the same table, alice keeps her instance").isSameAs(leases);

        registry.retain(Set.of());
        nanos.addAndGet(Duration.ofMinutes(11).toNanos());
        registry.retain(Set.of());
        assertThat(registry.services()).as("every lease expired: nothing is lost by forgetting the table").isZero();
    }

    @Test
    void aLiveServiceKeepsItsTableEvenWhenEmpty() {
        registry.forService("annotate", Duration.ofMinutes(10));
        registry.retain(Set.of("annotate"));
        assertThat(registry.services()).isEqualTo(1);
    }
}
