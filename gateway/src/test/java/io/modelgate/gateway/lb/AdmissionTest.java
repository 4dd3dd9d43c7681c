package io.modelgate.gateway.lb;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.AdmissionSpec;
import io.modelgate.discovery.config.ServerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Per-server caps and the fair wait queue on an injected clock: no server, no event loop, no sleep. */
class AdmissionTest {

    private final AtomicLong nanos = new AtomicLong();
    private final UpstreamServer a = UpstreamServer.of(ServerSpec.of("http://10.0.0.1:8000"));
    private final UpstreamServer b = UpstreamServer.of(ServerSpec.of("http://10.0.0.2:8000"));
    /** What each waiter was told, in order: "name->server url" or "name->timeout". */
    private final List<String> told = new ArrayList<>();

    private Admission admission(int maxInFlight, int queueSize, Duration timeout) {
        return new Admission(new AdmissionSpec(maxInFlight, queueSize, timeout), nanos::get);
    }

    private Admission.Ticket request(Admission adm, String name, String user, UpstreamServer chosen, boolean bound) {
        return adm.admit(user, chosen, bound, List.of(a, b), s -> true,
                s -> told.add(name + "->" + (s == null ? "timeout" : s.url())));
    }

    @Test
    void aServerTakesAtMostItsCapThenRequestsWait() {
        Admission adm = admission(2, 5, Duration.ofSeconds(10));
        assertThat(request(adm, "r1", "u", a, true).server()).isEqualTo(a);
        assertThat(request(adm, "r2", "u", a, true).server()).isEqualTo(a);
        Admission.Ticket third = request(adm, "r3", "u", a, true);
        assertThat(third.server()).isNull();
        assertThat(third.waiter()).isNotNull();
        assertThat(adm.inFlight(a.url())).isEqualTo(2);
        assertThat(adm.queuedFor(a.url())).isEqualTo(1);

        adm.release(a);
        assertThat(told).containsExactly("r3->" + a.url()); // the slot went to the waiter, never free in between
        assertThat(adm.inFlight(a.url())).isEqualTo(2);
        assertThat(adm.queued()).isZero();
        adm.release(a);
        adm.release(a);
        assertThat(adm.inFlight(a.url())).isZero();
    }

    @Test
    void anUnboundRequestTakesAnotherServerWithAFreeSlot() {
        Admission adm = admission(1, 5, Duration.ofSeconds(10));
        assertThat(request(adm, "r1", "u", a, false).server()).isEqualTo(a);
        assertThat(request(adm, "r2", "u", a, false).server()).isEqualTo(b);
        // bound by an affinity to a: waits for a even though nothing else is free either way
        assertThat(request(adm, "r3", "u", a, true).waiter()).isNotNull();
        // unbound and both full: waits for any server
        assertThat(request(adm, "r4", "u", a, false).waiter()).isNotNull();
        adm.release(b);
        assertThat(told).containsExactly("r4->" + b.url()); // r3 only accepts a
        adm.release(a);
        assertThat(told).containsExactly("r4->" + b.url(), "r3->" + a.url());
    }

    @Test
    void freedSlotsGoRoundRobinBetweenUsersFifoWithinEach() {
        Admission adm = admission(1, 6, Duration.ofSeconds(10));
        request(adm, "busy", "x", a, true);
        request(adm, "alice1", "alice", a, true);
        request(adm, "alice2", "alice", a, true);
        request(adm, "alice3", "alice", a, true);
        request(adm, "bob1", "bob", a, true);
        request(adm, "bob2", "bob", a, true);
        for (int i = 0; i < 5; i++) {
            adm.release(a);
        }
        assertThat(told).containsExactly("alice1->" + a.url(), "bob1->" + a.url(), "alice2->" + a.url(),
                "bob2->" + a.url(), "alice3->" + a.url());
    }

    @Test
    void oneUserCannotFillTheQueue() {
        Admission adm = admission(1, 4, Duration.ofSeconds(10));
        request(adm, "busy", "x", a, true);
        assertThat(request(adm, "m1", "mallory", a, true).waiter()).isNotNull();
        assertThat(request(adm, "m2", "mallory", a, true).waiter()).isNotNull();
        Admission.Ticket third = request(adm, "m3", "mallory", a, true); // her share is half the queue
        assertThat(third.server()).isNull();
        assertThat(third.waiter()).isNull();
        assertThat(request(adm, "c1", "carol", a, true).waiter()).isNotNull(); // room left for the others
        assertThat(request(adm, "d1", "dave", a, true).waiter()).isNotNull();
        assertThat(request(adm, "e1", "erin", a, true).waiter()).isNull(); // the queue itself is full
        assertThat(adm.counts().refusedFull()).isEqualTo(2);
    }

    @Test
    void aZeroQueueRefusesAtOnce() {
        Admission adm = admission(1, 0, Duration.ofSeconds(10));
        request(adm, "r1", "u", a, true);
        Admission.Ticket t = request(adm, "r2", "u", a, true);
        assertThat(t.server()).isNull();
        assertThat(t.waiter()).isNull();
    }

    @Test
    void aWaitEndsAtItsTimeout() {
        Admission adm = admission(1, 5, Duration.ofSeconds(3));
        request(adm, "busy", "u", a, true);
        Waiter early = request(adm, "early", "u", a, true).waiter();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        Waiter late = request(adm, "late", "v", a, true).waiter();
        assertThat(adm.nanosLeft(early)).isEqualTo(Duration.ofSeconds(2).toNanos());

        nanos.addAndGet(Duration.ofMillis(1999).toNanos());
        adm.expire();
        assertThat(told).isEmpty();
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        adm.expire();
        assertThat(told).containsExactly("early->timeout");
        assertThat(adm.nanosLeft(late)).isEqualTo(Duration.ofSeconds(1).toNanos());
        adm.release(a);
        assertThat(told).containsExactly("early->timeout", "late->" + a.url());
        assertThat(adm.counts().timedOut()).isEqualTo(1);
    }

    @Test
    void aCancelledWaiterLeavesTheQueueAndGetsNothing() {
        Admission adm = admission(1, 5, Duration.ofSeconds(3));
        request(adm, "busy", "u", a, true);
        Waiter gone = request(adm, "gone", "u", a, true).waiter();
        request(adm, "next", "v", a, true);
        assertThat(adm.cancel(gone)).isTrue();
        assertThat(adm.cancel(gone)).isFalse();
        assertThat(adm.queued()).isEqualTo(1);
        adm.release(a);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        adm.expire();
        assertThat(told).containsExactly("next->" + a.url());
        // and its place is free again: mallory-style shares count only who is still waiting
        assertThat(adm.cancel(gone)).isFalse();
    }

    @Test
    void aNewcomerNeverOvertakesTheQueue() {
        Admission adm = admission(1, 5, Duration.ofSeconds(3));
        request(adm, "busy", "u", a, true);
        request(adm, "waiting", "u", a, true);
        // lower the cap and raise it again through a reload: the free slot still belongs to the waiter
        adm.reconfigure(new AdmissionSpec(2, 5, Duration.ofSeconds(3)));
        Admission.Ticket newcomer = request(adm, "newcomer", "v", a, true);
        assertThat(newcomer.server()).isNull();
        adm.release(a);
        assertThat(told).containsExactly("waiting->" + a.url());
    }

    @Test
    void admissionsKeepTheirStateAcrossReloads() {
        Admissions all = new Admissions(nanos::get);
        Admission first = all.forService("m@docker", new AdmissionSpec(1, 2, Duration.ofSeconds(1)));
        assertThat(first.admit("u", a, true, List.of(a), s -> true, s -> { }).server()).isEqualTo(a);
        Admission again = all.forService("m@docker", new AdmissionSpec(3, 2, Duration.ofSeconds(1)));
        assertThat(again).isSameAs(first);
        assertThat(again.inFlight(a.url())).isEqualTo(1);
        assertThat(again.spec().maxInFlight()).isEqualTo(3);
        all.retain(java.util.Set.of());
        assertThat(all.forService("m@docker", new AdmissionSpec(1, 2, Duration.ofSeconds(1)))).isNotSameAs(first);
    }
}
