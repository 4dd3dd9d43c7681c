package io.modelgate.gateway.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.PassiveHealthSpec;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.StatusRanges;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Passive ejection and active-check state on an injected clock: no server, no network. */
class PassiveHealthTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ServerStates states = new ServerStates();
    private final UpstreamServer a = UpstreamServer.of(ServerSpec.of("http://10.0.0.1:8000"));
    private final UpstreamServer b = UpstreamServer.of(ServerSpec.of("http://10.0.0.2:8000"));
    private final List<UpstreamServer> both = List.of(a, b);

    private PassiveHealth health(int attempts) {
        var spec = new PassiveHealthSpec(Duration.ofSeconds(10), attempts, StatusRanges.parse(List.of("502-504")),
                Duration.ofSeconds(35));
        return new PassiveHealth(nanos::get, spec, s -> states.of("m@file", s));
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void ejectsAfterMaxFailedAttemptsWithinTheWindowOnly() {
        PassiveHealth h = health(3);
        h.failure(a, both);
        advance(Duration.ofSeconds(6));
        h.failure(a, both);
        advance(Duration.ofSeconds(6)); // the first failure is now out of the window
        h.failure(a, both);
        assertThat(h.isEjected(a)).isFalse();
        h.failure(a, both);
        assertThat(h.isEjected(a)).as("three failures within 10 s").isTrue();
        assertThat(h.usable(a)).isFalse();
        assertThat(h.usable(b)).isTrue();
    }

    @Test
    void timeoutsAndConfiguredStatusesAreFailuresOtherStatusesAreNot() {
        PassiveHealth h = health(2);
        h.responded(a, 500, both);
        h.responded(a, 500, both);
        assertThat(h.isEjected(a)).as("500 is not in the policy's statuses").isFalse();
        h.responded(a, 503, both);
        h.timedOut(a, both);
        assertThat(h.isEjected(a)).isTrue();
    }

    @Test
    void theEjectionGrowsWithEachEjectionInARowAndResetsAfterASuccess() {
        PassiveHealth h = health(1);
        h.failure(a, both);
        advance(Duration.ofMillis(9_999));
        assertThat(h.isEjected(a)).isTrue();
        advance(Duration.ofMillis(2));
        assertThat(h.isEjected(a)).as("first ejection: one window").isFalse();
        h.failure(a, both);
        advance(Duration.ofSeconds(19));
        assertThat(h.isEjected(a)).as("second ejection: two windows").isTrue();
        advance(Duration.ofMillis(1_001));
        assertThat(h.isEjected(a)).isFalse();
        h.failure(a, both);
        advance(Duration.ofSeconds(34));
        assertThat(h.isEjected(a)).as("third: four windows capped at maxEjection 35 s").isTrue();
        advance(Duration.ofMillis(1_001));
        assertThat(h.isEjected(a)).isFalse();
        h.responded(a, 200, both); // a success: the next ejection is one window again
        h.failure(a, both);
        advance(Duration.ofMillis(10_001));
        assertThat(h.isEjected(a)).isFalse();
    }

    @Test
    void theLastUsableServerIsNeverEjected() {
        PassiveHealth h = health(1);
        h.failure(a, both);
        assertThat(h.isEjected(a)).isTrue();
        h.failure(b, both);
        assertThat(h.isEjected(b)).as("a is out: b is the last one").isFalse();
        h.failure(a, List.of(a));
        assertThat(h.isEjected(a)).isTrue(); // still from before
        states.of("m@file", b).checked(false, "status 503");
        PassiveHealth single = health(1);
        UpstreamServer c = UpstreamServer.of(ServerSpec.of("http://10.0.0.3:8000"));
        single.failure(c, List.of(c));
        assertThat(single.isEjected(c)).isFalse();
    }

    @Test
    void aServerDownByItsActiveCheckIsNeverPickedButAFailedOneIsWhenNothingElseIs() {
        PassiveHealth h = health(1);
        RoundRobinSelector rr = new RoundRobinSelector(both, h);
        states.of("m@file", a).checked(false, "status 503");
        for (int i = 0; i < 6; i++) {
            assertThat(rr.pick(null)).isEqualTo(b);
        }
        assertThat(h.usable(a)).isFalse();
        states.of("m@file", b).checked(false, "timeout");
        assertThat(rr.pick(null)).as("all down: 503, like Traefik").isNull();
        assertThat(states.of("m@file", a).checked(true, "")).as("a change").isTrue();
        assertThat(rr.pick(null)).isEqualTo(a);
    }

    @Test
    void stateSurvivesANewPoolOverTheSameServers() {
        health(1).failure(a, both);
        PassiveHealth afterReload = health(1);
        assertThat(afterReload.isEjected(a)).isTrue();
        states.retain(java.util.Set.of(ServerStates.key("m@file", b)));
        assertThat(health(1).isEjected(a)).as("a left the service: its state is gone").isFalse();
    }
}
