package io.modelgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Users, plans and quotas on each real database (H2, PostgreSQL), on top of the token contract: the same
 * schema, the same movable clock. Replicas are a second set of services on the same database.
 */
abstract class AccountsContract extends TokenStoreContract {

    private static final PlanService.Change UNLIMITED = new PlanService.Change(null, null, null);

    private AccessCheck.Decision check(AccessCheck on, Tokens.Issued t, String method, String uri) {
        return on.check(t.token(), Target.of(method, uri));
    }

    private static QuotaCounter.Admission quotaOf(AccessCheck.Decision d) {
        return d instanceof AccessCheck.Decision.Allowed a ? a.quota() : ((AccessCheck.Decision.QuotaExceeded) d).quota();
    }

    @Test
    void tokensMakeTheirUserAndPlanAndTakeTheUsersPlan() {
        Tokens.Issued first = tokens.create(ACTOR, "alice", "free", List.of(), null);
        assertThat(users.find("alice")).hasValueSatisfying(u -> {
            assertThat(u.plan()).isEqualTo("free");
            assertThat(u.state()).isEqualTo(UserRecord.State.ACTIVE);
            assertThat(u.id()).isPositive();
        });
        assertThat(plans.find("free")).hasValueSatisfying(p -> {
            assertThat(p.scopes()).containsExactly("*");
            assertThat(p.rate()).isNull();
            assertThat(p.monthlyQuota()).isNull();
        });
        clock.advance(Duration.ofSeconds(1));
        Tokens.Issued second = tokens.create(ACTOR, "alice", null, List.of("m1"), null);
        assertThatThrownBy(() -> tokens.create(ACTOR, "alice", "pro", List.of(), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is on plan 'free', not 'pro'");
        assertThatThrownBy(() -> tokens.create(ACTOR, "nobody", null, List.of(), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("give its plan");

        plans.create(ACTOR, "pro", new PlanService.Change(List.of("*"), "10/s", "1000"));
        assertThat(users.setPlan(ACTOR, "alice", "pro")).hasValueSatisfying(u -> assertThat(u.plan()).isEqualTo("pro"));
        for (Tokens.Issued t : List.of(first, second)) {
            assertThat(check(access, t, "GET", "/api/v1/m1/x")).isInstanceOfSatisfying(AccessCheck.Decision.Allowed.class, a -> {
                assertThat(a.plan().name()).isEqualTo("pro");
                assertThat(a.token().plan()).isEqualTo("pro");
                assertThat(a.plan().rate()).isEqualTo(new Plan.Rate(10, Duration.ofSeconds(1)));
            });
        }
        assertThat(tokens.listOf("alice")).extracting(TokenRecord::id).containsExactly(second.id(), first.id());
        assertThatThrownBy(() -> users.setPlan(ACTOR, "alice", "nope")).hasMessageContaining("no plan 'nope'");
        assertThat(users.setPlan(ACTOR, "nobody", "pro")).isEmpty();
    }

    @Test
    void plansAndUsersAreCheckedAndListed() {
        plans.create(ACTOR, "free", UNLIMITED);
        plans.create(ACTOR, "pro", new PlanService.Change(List.of("sentiment", "POST /api/v1/ner"), "600/m", "100000"));
        assertThat(plans.find("pro")).hasValueSatisfying(p -> {
            assertThat(p.scopes()).containsExactly("sentiment", "POST /api/v1/ner/");
            assertThat(p.rate()).hasToString("600/m");
            assertThat(p.monthlyQuota()).isEqualTo(100_000L);
        });
        clock.advance(Duration.ofMinutes(1));
        assertThat(plans.update(ACTOR, "pro", new PlanService.Change(null, "none", "none"))).hasValueSatisfying(p -> {
            assertThat(p.scopes()).as("kept").containsExactly("sentiment", "POST /api/v1/ner/");
            assertThat(p.rate()).isNull();
            assertThat(p.monthlyQuota()).isNull();
            assertThat(p.updated()).isEqualTo(p.created().plus(Duration.ofMinutes(1)));
        });
        assertThat(plans.update(ACTOR, "gold", UNLIMITED)).isEmpty();
        users.create(ACTOR, "bob", "free");
        users.create(ACTOR, "ann", "pro");
        assertThat(plans.list()).extracting(Plan::name).containsExactly("free", "pro");
        assertThat(users.list()).extracting(UserRecord::name).containsExactly("ann", "bob");
        for (Runnable bad : List.<Runnable>of(
                () -> plans.create(ACTOR, "free", UNLIMITED),
                () -> plans.create(ACTOR, "bad plan", UNLIMITED),
                () -> plans.create(ACTOR, "x", new PlanService.Change(null, "10/d", null)),
                () -> plans.create(ACTOR, "x", new PlanService.Change(null, null, "0")),
                () -> plans.create(ACTOR, "x", new PlanService.Change(null, null, "lots")),
                () -> plans.create(ACTOR, "x", new PlanService.Change(List.of("/a/../b"), null, null)),
                () -> users.create(ACTOR, "bob", "free"),
                () -> users.create(ACTOR, "carol", "missing"),
                () -> users.create(ACTOR, "bad user", "free"))) {
            assertThatThrownBy(bad::run).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(plans.list()).hasSize(2);
        assertThat(users.list()).hasSize(2);
    }

    @Test
    void aSuspendedUsersTokensAreAllRefusedAtOnceUntilResumed() {
        Tokens.Issued a1 = tokens.create(ACTOR, "alice", "free", List.of(), null);
        Tokens.Issued a2 = tokens.create(ACTOR, "alice", null, List.of(), null);
        Tokens.Issued bob = tokens.create(ACTOR, "bob", "free", List.of(), null);
        assertThat(users.setState(ACTOR, "alice", UserRecord.State.SUSPENDED)).hasValueSatisfying(u ->
                assertThat(u.state()).isEqualTo(UserRecord.State.SUSPENDED));
        for (Tokens.Issued t : List.of(a1, a2)) {
            assertThat(check(access, t, "GET", "/")).isEqualTo(new AccessCheck.Decision.Unauthenticated("user suspended", true));
        }
        assertThat(check(access, bob, "GET", "/")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        users.setState(ACTOR, "alice", UserRecord.State.ACTIVE);
        assertThat(check(access, a1, "GET", "/")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(users.setState(ACTOR, "nobody", UserRecord.State.SUSPENDED)).isEmpty();
    }

    @Test
    void thePlansScopesBoundEveryTokenOnIt() {
        plans.create(ACTOR, "nlp", new PlanService.Change(List.of("sentiment", "POST /api/v1/ner/"), null, null));
        Tokens.Issued all = tokens.create(ACTOR, "alice", "nlp", List.of("*"), null);
        assertThat(check(access, all, "GET", "/api/v1/sentiment/x")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(check(access, all, "POST", "/api/v1/ner/x")).isInstanceOfSatisfying(AccessCheck.Decision.Allowed.class,
                a -> assertThat(a.cacheable()).isTrue());
        AccessCheck.Decision refused = check(access, all, "GET", "/api/v1/ner/x");
        assertThat(refused).isEqualTo(new AccessCheck.Decision.Forbidden("GET /api/v1/ner/x", "nlp"));
        assertThat(((AccessCheck.Decision.Forbidden) refused).message()).isEqualTo("plan 'nlp' does not include GET /api/v1/ner/x");
        plans.update(ACTOR, "nlp", new PlanService.Change(List.of("/api/v1/projects/p/environments/prod/"), null, null));
        assertThat(check(access, all, "GET", "/api/v1/projects/p/environments/prod/apps/a/x"))
                .isInstanceOfSatisfying(AccessCheck.Decision.Allowed.class, a -> assertThat(a.cacheable())
                        .as("the gateway keys on the whole target: a deep prefix is cacheable too").isTrue());
    }

    @Test
    void aQuotaOfNGivesNThenTooManyUntilTheMonthEnds() {
        plans.create(ACTOR, "trial", new PlanService.Change(null, null, "3"));
        Tokens.Issued alice = tokens.create(ACTOR, "alice", "trial", List.of(), null);
        Tokens.Issued bob = tokens.create(ACTOR, "bob", "trial", List.of(), null);
        clock.set(Instant.parse("2026-11-30T23:59:58.500Z"));
        for (int i = 1; i <= 3; i++) {
            AccessCheck.Decision d = check(access, alice, "GET", "/api/v1/m/x");
            assertThat(d).isInstanceOfSatisfying(AccessCheck.Decision.Allowed.class, a -> assertThat(a.cacheable()).isFalse());
            assertThat(quotaOf(d).remaining()).isEqualTo(3 - i);
        }
        AccessCheck.Decision refused = check(access, alice, "GET", "/api/v1/m/x");
        assertThat(refused).isInstanceOf(AccessCheck.Decision.QuotaExceeded.class);
        assertThat(quotaOf(refused).resets()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(quotaOf(refused).retryAfterSeconds(clock.instant())).as("1.5 s, rounded up").isEqualTo(2);
        assertThat(check(access, bob, "GET", "/api/v1/m/x")).as("per user").isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(check(access, alice, "GET", "/api/v1/other/../m/x")).isInstanceOf(AccessCheck.Decision.QuotaExceeded.class);
        assertThat(quotaStore.used("alice", "2026-11")).as("nothing written per request").isZero();
        assertThat(quotas.flush()).isTrue();
        assertThat(quotaStore.used("alice", "2026-11")).as("refusals are not counted").isEqualTo(3);
        assertThat(quotaStore.used("bob", "2026-11")).isEqualTo(1);

        clock.set(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(quotaOf(check(access, alice, "GET", "/api/v1/m/x")).used()).as("a new month").isEqualTo(1);
        quotas.flush();
        assertThat(quotaStore.used("alice", "2026-12")).isEqualTo(1);
        assertThat(quotaStore.used("alice", "2026-11")).isEqualTo(3);
        plans.update(ACTOR, "trial", new PlanService.Change(null, null, "none"));
        assertThat(check(access, alice, "GET", "/api/v1/m/x")).isInstanceOfSatisfying(AccessCheck.Decision.Allowed.class, a -> {
            assertThat(a.quota()).isNull();
            assertThat(a.cacheable()).isTrue();
        });
    }

    @Test
    void replicasOnOneDatabaseAddUpTheirCountsAndSeeEachOthersAfterAFlush() {
        plans.create(ACTOR, "trial", new PlanService.Change(null, null, "10"));
        Tokens.Issued alice = tokens.create(ACTOR, "alice", "trial", List.of(), null);
        QuotaCounter otherCounter = new QuotaCounter(new QuotaStore(db), clock);
        AccessCheck other = new AccessCheck(new TokenStore(db), otherCounter, new UsageCounter(u -> { }), clock);
        for (int i = 0; i < 4; i++) {
            assertThat(check(access, alice, "GET", "/")).isInstanceOf(AccessCheck.Decision.Allowed.class);
            assertThat(check(other, alice, "GET", "/")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        }
        quotas.flush();
        otherCounter.flush();
        quotas.flush();
        assertThat(quotaStore.used("alice", "2026-11")).isEqualTo(8);
        assertThat(quotas.used("alice")).isEqualTo(8);
        assertThat(otherCounter.used("alice")).isEqualTo(8);
        assertThat(check(access, alice, "GET", "/")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(check(other, alice, "GET", "/")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(check(other, alice, "GET", "/")).as("within one flush: the documented overshoot")
                .isInstanceOf(AccessCheck.Decision.Allowed.class);
        quotas.flush();
        otherCounter.flush();
        quotas.flush();
        assertThat(quotaStore.used("alice", "2026-11")).as("every admitted request, none twice").isEqualTo(11);
        assertThat(check(access, alice, "GET", "/")).isInstanceOf(AccessCheck.Decision.QuotaExceeded.class);
        assertThat(check(other, alice, "GET", "/")).isInstanceOf(AccessCheck.Decision.QuotaExceeded.class);
    }

    @Test
    void concurrentReplicasLoseAndDoubleNoCount() throws Exception {
        plans.create(ACTOR, "big", new PlanService.Change(null, null, "1000000"));
        users.create(ACTOR, "alice", "big");
        users.create(ACTOR, "bob", "big");
        List<QuotaCounter> replicas = List.of(quotas, new QuotaCounter(new QuotaStore(db), clock));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        AtomicBoolean done = new AtomicBoolean();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (QuotaCounter r : replicas) {
                for (String user : List.of("alice", "bob")) {
                    work.add(pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            assertThat(r.admit(user, 1_000_000).admitted()).isTrue();
                        }
                    }));
                }
                pool.submit(() -> {
                    while (!done.get()) {
                        r.flush(); // flushing while counting
                    }
                });
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        replicas.forEach(QuotaCounter::flush);
        assertThat(quotaStore.used("alice", "2026-11")).isEqualTo(1000);
        assertThat(quotaStore.used("bob", "2026-11")).isEqualTo(1000);
    }

    @Test
    void aCrashLosesOnlyWhatWasNotFlushed() {
        plans.create(ACTOR, "trial", new PlanService.Change(null, null, "100"));
        Tokens.Issued alice = tokens.create(ACTOR, "alice", "trial", List.of(), null);
        for (int i = 0; i < 5; i++) {
            check(access, alice, "GET", "/");
        }
        quotas.flush();
        for (int i = 0; i < 3; i++) {
            check(access, alice, "GET", "/");
        }
        QuotaCounter restarted = new QuotaCounter(new QuotaStore(db), clock); // the old one is gone, unflushed
        assertThat(restarted.used("alice")).isEqualTo(5);
        assertThat(restarted.admit("alice", 100).used()).isEqualTo(6);
    }

    @Test
    void theMigrationMakesUsersAndPlansFromExistingTokens() throws Exception {
        DataSource old = dataSource();
        Flyway.configure().dataSource(old).locations("classpath:db/migration").target("2").load().migrate();
        Db oldDb = new Db(old);
        Tokens.Issued a1 = Tokens.issue(new java.security.SecureRandom());
        Tokens.Issued a2 = Tokens.issue(new java.security.SecureRandom());
        Tokens.Issued b = Tokens.issue(new java.security.SecureRandom());
        String insert = "INSERT INTO tokens (id, secret_hash, user_name, plan, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)";
        oldDb.jdbc().sql(insert).params(a1.id(), a1.hash(), "alice", "free", "m1", 1000L).update();
        oldDb.jdbc().sql(insert).params(a2.id(), a2.hash(), "alice", "pro", "*", 2000L).update();
        oldDb.jdbc().sql(insert).params(b.id(), b.hash(), "bob", "free", "*", 1500L).update();
        Flyway.configure().dataSource(old).locations("classpath:db/migration").load().migrate();

        UserStore migratedUsers = new UserStore(oldDb);
        assertThat(migratedUsers.find("alice")).hasValueSatisfying(u -> {
            assertThat(u.plan()).as("the plan of the newest token").isEqualTo("pro");
            assertThat(u.created()).isEqualTo(Instant.ofEpochMilli(1000));
        });
        assertThat(migratedUsers.find("bob")).hasValueSatisfying(u -> assertThat(u.plan()).isEqualTo("free"));
        assertThat(new PlanStore(oldDb).list()).extracting(Plan::name, Plan::monthlyQuota).containsExactly(
                org.assertj.core.groups.Tuple.tuple("free", null), org.assertj.core.groups.Tuple.tuple("pro", null));
        AccessCheck migrated = new AccessCheck(new TokenStore(oldDb), new QuotaCounter(new QuotaStore(oldDb), clock), new UsageCounter(u -> { }), clock);
        assertThat(check(migrated, a1, "GET", "/api/v1/m1/x")).isInstanceOfSatisfying(AccessCheck.Decision.Allowed.class,
                a -> assertThat(a.plan().name()).isEqualTo("pro"));
        assertThat(check(migrated, a1, "GET", "/api/v1/m2/x")).isEqualTo(new AccessCheck.Decision.Forbidden("model 'm2'"));
        assertThat(check(migrated, b, "GET", "/")).isInstanceOf(AccessCheck.Decision.Allowed.class);
    }
}
