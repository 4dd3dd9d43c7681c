package io.modelgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token usage and the admin audit on each real database, on top of the token and account contracts. */
abstract class UsageAuditContract extends AccountsContract {

    @Test
    void usageIsCountedInMemoryAndAddedUpByEveryReplica() {
        Tokens.Issued t = tokens.create(ACTOR, "alice", "free", List.of("m1"), null);
        Instant start = clock.instant();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(check(t.token(), "/api/v1/m1/x")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        }
        assertThat(check(t.token(), "/api/v1/m2/x")).as("refused: not a use").isInstanceOf(AccessCheck.Decision.Forbidden.class);
        assertThat(tokens.find(t.id()).orElseThrow().requests()).as("nothing written per request").isZero();
        assertThat(tokens.find(t.id()).orElseThrow().lastUsed()).isNull();
        assertThat(usage.flush()).isTrue();
        TokenRecord after = tokens.find(t.id()).orElseThrow();
        assertThat(after.requests()).isEqualTo(3);
        assertThat(after.lastUsed()).isEqualTo(start.plusSeconds(3));

        UsageCounter other = new UsageCounter(new TokenStore(db)::addUsage);
        other.record(t.id(), start.plusSeconds(10));
        other.record(t.id(), start.plusSeconds(20));
        usage.record(t.id(), start.plusSeconds(15));
        other.flush();
        usage.flush(); // later, with an earlier time: last-used never goes back
        after = tokens.find(t.id()).orElseThrow();
        assertThat(after.requests()).isEqualTo(6);
        assertThat(after.lastUsed()).isEqualTo(start.plusSeconds(20));
        assertThat(tokens.listOf("alice")).singleElement().satisfies(r -> assertThat(r.requests()).isEqualTo(6));
    }

    @Test
    void everyAdminActionIsRecordedWithItsActorAndTarget() {
        plans.create(ACTOR, "pro", new PlanService.Change(null, "10/s", "1000"));
        clock.advance(Duration.ofSeconds(1));
        Tokens.Issued t = tokens.create("ops-alice", "bob", "free", List.of("m1"), null);
        var rotation = tokens.rotate("ops-alice", t.id(), Duration.ofHours(1)).orElseThrow();
        tokens.revoke("cli:root", rotation.successor().id());
        users.setState(ACTOR, "bob", UserRecord.State.SUSPENDED);
        users.setState(ACTOR, "bob", UserRecord.State.ACTIVE);
        users.setPlan(ACTOR, "bob", "pro");
        plans.update(ACTOR, "pro", new PlanService.Change(null, "none", null));

        List<AuditEntry> all = audit.list(null, 100);
        assertThat(all).extracting(AuditEntry::action).containsExactly("plan.update", "user.plan", "user.resume",
                "user.suspend", "token.revoke", "token.rotate", "token.create", "user.create", "plan.create", "plan.create");
        assertThat(all).extracting(AuditEntry::target).containsExactly("pro", "bob", "bob", "bob", rotation.successor().id(),
                t.id(), t.id(), "bob", "free", "pro");
        assertThat(all).extracting(AuditEntry::actor).containsExactly(ACTOR, ACTOR, ACTOR, ACTOR, "cli:root", "ops-alice",
                "ops-alice", "ops-alice", "ops-alice", ACTOR);
        assertThat(all.get(0).detail()).contains("rate 10/s").contains("-> scopes *; rate none");
        assertThat(all.get(1).detail()).isEqualTo("free -> pro");
        assertThat(all.get(5).detail()).contains("successor " + rotation.successor().id());
        assertThat(all.get(6).detail()).contains("user bob").contains("scopes m1").contains("expires never");
        assertThat(all.getLast().at()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(all.get(0).at()).isEqualTo(Instant.parse("2026-11-22T10:00:01Z"));
        assertThat(all).extracting(AuditEntry::detail).noneMatch(d -> d.contains(Tokens.parse(t.token()).secret()));

        assertThat(audit.list(t.id(), 100)).extracting(AuditEntry::action).containsExactly("token.rotate", "token.create");
        assertThat(audit.list(null, 2)).extracting(AuditEntry::action).containsExactly("plan.update", "user.plan");
    }

    @Test
    void anActionThatFailsRecordsNothing() {
        Tokens.Issued t = tokens.create(ACTOR, "alice", "free", List.of(), null);
        tokens.revoke(ACTOR, t.id());
        int before = audit.list(null, 100).size();
        assertThatThrownBy(() -> tokens.rotate(ACTOR, t.id(), Duration.ofHours(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tokens.create(ACTOR, "alice", "pro", List.of(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.create(ACTOR, "alice", "free")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.revoke(ACTOR, "ffffffffffffffff")).isFalse();
        assertThat(users.setState(ACTOR, "nobody", UserRecord.State.SUSPENDED)).isEmpty();
        assertThat(plans.update(ACTOR, "gold", new PlanService.Change(null, null, null))).isEmpty();
        assertThat(audit.list(null, 100)).hasSize(before);
    }
}
