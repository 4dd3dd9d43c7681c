package io.modelgate.gateway.lb.sticky;

import io.modelgate.gateway.lb.UpstreamServer;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ServerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Dedicated instances with an injected clock: no server, no sleeping. */
class DedicatedLeasesTest {

    private final AtomicLong nanos = new AtomicLong();
    private final MemoryLeases leases = new MemoryLeases(Duration.ofMinutes(30), nanos::get);
    private final List<UpstreamServer> three = IntStream.rangeClosed(1, 3)
            .mapToObj(i -> UpstreamServer.of(ServerSpec.of("http://10.0.0." + i + ":8000"))).toList();

    private UpstreamServer acquire(String key, List<UpstreamServer> servers) {
        return leases.acquireNow(key, servers, s -> true);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void eachKeyGetsItsOwnInstanceAndTheFourthWaitsForAnIdleRelease() {
        UpstreamServer a = acquire("A", three);
        UpstreamServer b = acquire("B", three);
        UpstreamServer c = acquire("C", three);
        assertThat(Set.of(a, b, c)).hasSize(3);
        assertThat(acquire("D", three)).as("no free instance: 503").isNull();
        assertThat(acquire("A", three)).as("a lease is stable").isEqualTo(a);

        advance(Duration.ofMinutes(20));
        acquire("B", three); // B and C keep working, A goes quiet
        acquire("C", three);
        advance(Duration.ofMinutes(11));
        assertThat(acquire("D", three)).as("A idled out after 30 minutes: its instance is free").isEqualTo(a);
        assertThat(acquire("A", three)).as("A comes back: everything is taken").isNull();
    }

    @Test
    void aLostInstanceFreesItsLeaseAndItsKeyMovesToAFreeOne() {
        UpstreamServer a = acquire("A", three);
        UpstreamServer b = acquire("B", three);
        List<UpstreamServer> withoutA = three.stream().filter(s -> !s.equals(a)).toList();
        UpstreamServer moved = acquire("A", withoutA);
        assertThat(moved).isNotNull().isNotEqualTo(b).isIn(withoutA);
        assertThat(acquire("C", withoutA)).as("two instances left, both leased").isNull();
    }

    @Test
    void anUnusableInstanceIsNotHandedOut() {
        UpstreamServer a = acquire("A", three);
        UpstreamServer next = leases.acquireNow("A", three, s -> !s.equals(a));
        assertThat(next).isNotNull().isNotEqualTo(a);
    }

    @Test
    void leasesOutliveARecompileThroughTheRegistry() {
        LeaseRegistry registry = new LeaseRegistry(nanos::get);
        DedicatedLeases first = registry.forService("w@docker", Duration.ofMinutes(30));
        UpstreamServer a = first.acquire("A", three, s -> true).toCompletableFuture().join();
        DedicatedLeases again = registry.forService("w@docker", Duration.ofMinutes(30));
        assertThat(again).isSameAs(first);
        assertThat(again.acquire("B", three, s -> true).toCompletableFuture().join()).isNotEqualTo(a);
    }

    @Test
    void aDrainingInstanceKeepsItsHolderButTakesNoNewOne() {
        UpstreamServer a = acquire("A", three);
        List<UpstreamServer> drainingA = three.stream().map(s -> s.equals(a) ? draining(s) : s).toList();
        assertThat(acquire("A", drainingA).url()).as("A keeps its instance while it drains").isEqualTo(a.url());
        acquire("B", drainingA);
        acquire("C", drainingA);
        List<UpstreamServer> onlyA = List.of(draining(a));
        assertThat(leases.acquireNow("D", onlyA, s -> true)).as("no new holder on a draining instance").isNull();
    }

    static UpstreamServer draining(UpstreamServer s) {
        return UpstreamServer.of(new ServerSpec(java.net.URI.create(s.url()), s.weight(), true));
    }
}
