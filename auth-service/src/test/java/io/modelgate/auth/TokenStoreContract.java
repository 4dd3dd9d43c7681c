package io.modelgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every token store must do, run against each real database (H2, PostgreSQL): the schema from the
 * service's own Flyway migrations, time from a clock the test moves.
 */
abstract class TokenStoreContract {

    /** A clock the tests move forward. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    static final String ACTOR = "test-admin";

    final MovableClock clock = new MovableClock();
    Db db;
    TokenService tokens;
    TokenStore store;
    PlanService plans;
    UserService users;
    QuotaStore quotaStore;
    QuotaCounter quotas;
    AccessCheck access;
    AuditLog audit;
    UsageCounter usage;

    /** A fresh, empty database for each test. */
    abstract DataSource dataSource() throws Exception;

    @BeforeEach
    void migrate() throws Exception {
        DataSource ds = dataSource();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").cleanDisabled(false).load().migrate();
        db = new Db(ds);
        store = new TokenStore(db);
        audit = new AuditLog(db, clock);
        plans = new PlanService(db, new PlanStore(db), audit, clock);
        users = new UserService(db, new UserStore(db), plans, audit, clock);
        tokens = new TokenService(db, store, users, audit, clock);
        quotaStore = new QuotaStore(db);
        quotas = new QuotaCounter(quotaStore, clock);
        usage = new UsageCounter(store::addUsage);
        // as the service runs it: lookups remembered (every admin action below must make it forget them)
        access = new AccessCheck(new TokenLookups(store, Duration.ofSeconds(1), clock).forgetOnEveryChange(audit), quotas,
                usage, clock);
    }

    AccessCheck.Decision check(String token, String uri) {
        return access.check(token, Target.of("GET", uri));
    }

    @Test
    void aCreatedTokenIsFoundByItsTokenOnly() {
        Tokens.Issued issued = tokens.create(ACTOR, "alice", "free", List.of("m1", "m2"), null);
        var allowed = check(issued.token(), "/api/v1/m1/predict");
        assertThat(allowed).isInstanceOfSatisfying(AccessCheck.Decision.Allowed.class, a -> {
            assertThat(a.token().user()).isEqualTo("alice");
            assertThat(a.token().plan()).isEqualTo("free");
            assertThat(a.token().scopes()).containsExactly("m1", "m2");
            assertThat(a.token().id()).isEqualTo(issued.id());
        });
        String secret = Tokens.parse(issued.token()).secret();
        String forged = issued.token().substring(0, issued.token().length() - 1)
                + (secret.endsWith("A") ? "B" : "A");
        assertThat(check(forged, "/api/v1/m1")).isEqualTo(new AccessCheck.Decision.Unauthenticated("invalid token", true));
        assertThat(store.find(issued.id()).orElseThrow().secretHash()).isEqualTo(issued.hash()).doesNotContain(secret);
    }

    @Test
    void unknownMissingAndMalformedTokensAreUnauthenticated() {
        tokens.create(ACTOR, "alice", "free", List.of(), null);
        assertThat(check(null, "/")).isEqualTo(new AccessCheck.Decision.Unauthenticated("missing token", false));
        assertThat(check("mgt_0123456789abcdef_" + "A".repeat(43), "/"))
                .isEqualTo(new AccessCheck.Decision.Unauthenticated("invalid token", true));
        assertThat(check("not-a-token", "/")).isEqualTo(new AccessCheck.Decision.Unauthenticated("invalid token", true));
    }

    @Test
    void scopesDecideForbidden() {
        Tokens.Issued scoped = tokens.create(ACTOR, "bob", "pro", List.of("m1"), null);
        Tokens.Issued all = tokens.create(ACTOR, "carol", "pro", List.of(), null);
        assertThat(check(scoped.token(), "/api/v1/m2/x")).isEqualTo(new AccessCheck.Decision.Forbidden("model 'm2'"));
        assertThat(check(scoped.token(), "/dashboard")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(check(all.token(), "/api/v1/m2/x")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(store.find(all.id()).orElseThrow().token().scopes()).containsExactly("*");
    }

    @Test
    void pathScopesAndMethodsAreStoredCanonicalAndDecide() {
        String app = "/api/v1/projects/demo_app/environments/prod/apps/document_tagging";
        Tokens.Issued t = tokens.create(ACTOR, "kortical", "pro", List.of(app, "get|post /api/v1/projects/demo_app/environments/dev"), null);
        assertThat(store.find(t.id()).orElseThrow().token().scopes())
                .containsExactly(app + "/", "GET|POST /api/v1/projects/demo_app/environments/dev/");
        assertThat(access.check(t.token(), Target.of("POST", app + "/predict"))).isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(access.check(t.token(), Target.of("DELETE", "/api/v1/projects/demo_app/environments/dev/apps/x")))
                .isEqualTo(new AccessCheck.Decision.Forbidden("DELETE /api/v1/projects/demo_app/environments/dev/apps/x"));
        assertThat(access.check(t.token(), Target.of("GET", "/api/v1/projects/demo_app/environments/prod/apps/other/predict")))
                .isInstanceOf(AccessCheck.Decision.Forbidden.class);
    }

    @Test
    void expiryFollowsTheClock() {
        Tokens.Issued t = tokens.create(ACTOR, "alice", "free", List.of(), Duration.ofDays(30));
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(check(t.token(), "/")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(check(t.token(), "/")).isEqualTo(new AccessCheck.Decision.Unauthenticated("token expired", true));
    }

    @Test
    void aRememberedTokenIsDecidedWithoutTheDatabaseAndForgottenOnEveryAdminAction() {
        Tokens.Issued t = tokens.create(ACTOR, "alice", "free", List.of("m1"), null);
        Target m1 = Target.of("GET", "/api/v1/m1/x");
        assertThat(access.checkWithoutBlocking(t.token(), m1)).as("never looked up: needs the database").isNull();
        assertThat(access.check(t.token(), m1)).isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(access.checkWithoutBlocking(t.token(), m1)).isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(access.checkWithoutBlocking(t.token(), Target.of("GET", "/api/v1/m2/x")))
                .isEqualTo(new AccessCheck.Decision.Forbidden("model 'm2'"));
        String wrongSecret = t.token().substring(0, t.token().length() - 1) + (t.token().endsWith("A") ? "B" : "A");
        assertThat(access.checkWithoutBlocking(wrongSecret, m1)).as("the remembered hash still decides")
                .isEqualTo(new AccessCheck.Decision.Unauthenticated("invalid token", true));

        store.revoke(t.id(), clock.instant()); // as another replica or the CLI would: no audit record in this process
        assertThat(access.check(t.token(), m1)).as("remembered for up to the TTL").isInstanceOf(AccessCheck.Decision.Allowed.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(access.checkWithoutBlocking(t.token(), m1)).as("forgotten after the TTL").isNull();
        assertThat(access.check(t.token(), m1)).isEqualTo(new AccessCheck.Decision.Unauthenticated("token revoked", true));

        Tokens.Issued b = tokens.create(ACTOR, "bob", "free", List.of(), null);
        assertThat(access.check(b.token(), m1)).isInstanceOf(AccessCheck.Decision.Allowed.class);
        tokens.revoke(ACTOR, b.id()); // this process's admin action: forgotten at once
        assertThat(access.checkWithoutBlocking(b.token(), m1)).isNull();
        assertThat(access.check(b.token(), m1)).isEqualTo(new AccessCheck.Decision.Unauthenticated("token revoked", true));
    }

    @Test
    void aQuotaIsCountedTheSameWhenDecidedWithoutTheDatabase() {
        plans.create(ACTOR, "metered", new PlanService.Change(null, null, "3"));
        Tokens.Issued t = tokens.create(ACTOR, "carol", "metered", List.of(), null);
        Target any = Target.of("POST", "/api/v1/m1/predict");
        assertThat(access.check(t.token(), any)).isInstanceOfSatisfying(AccessCheck.Decision.Allowed.class,
                a -> assertThat(a.quota().used()).isEqualTo(1));
        assertThat(access.checkWithoutBlocking(t.token(), any)).isInstanceOfSatisfying(AccessCheck.Decision.Allowed.class,
                a -> assertThat(a.quota().used()).isEqualTo(2));
        assertThat(access.checkWithoutBlocking(t.token(), any)).isInstanceOfSatisfying(AccessCheck.Decision.Allowed.class,
                a -> assertThat(a.quota().used()).isEqualTo(3));
        assertThat(access.checkWithoutBlocking(t.token(), any)).isInstanceOf(AccessCheck.Decision.QuotaExceeded.class);
    }

    @Test
    void revokedTokensStopWorkingAndStayListed() {
        Tokens.Issued a = tokens.create(ACTOR, "alice", "free", List.of(), null);
        Tokens.Issued b = tokens.create(ACTOR, "bob", "pro", List.of("m1"), Duration.ofDays(1));
        assertThat(tokens.revoke(ACTOR, a.id())).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.revoke(ACTOR, a.id())).as("again: still known").isTrue();
        assertThat(tokens.revoke(ACTOR, "ffffffffffffffff")).isFalse();
        assertThat(check(a.token(), "/")).isEqualTo(new AccessCheck.Decision.Unauthenticated("token revoked", true));
        assertThat(check(b.token(), "/")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        List<TokenRecord> listed = tokens.list();
        assertThat(listed).extracting(TokenRecord::id).containsExactlyInAnyOrder(a.id(), b.id());
        TokenRecord revoked = listed.stream().filter(t -> t.id().equals(a.id())).findFirst().orElseThrow();
        assertThat(revoked.revoked()).as("the first revocation's time").isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        TokenRecord expiring = listed.stream().filter(t -> t.id().equals(b.id())).findFirst().orElseThrow();
        assertThat(expiring.expires()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void aRotatedTokenWorksDuringTheOverlapThenIsRefusedAsRotated() {
        Tokens.Issued old = tokens.create(ACTOR, "alice", "pro", List.of("m1", "POST /api/v1/projects/p/"), Duration.ofDays(30));
        clock.advance(Duration.ofDays(10));
        var rotation = tokens.rotate(ACTOR, old.id(), Duration.ofHours(24)).orElseThrow();
        Tokens.Issued successor = rotation.successor();
        assertThat(successor.id()).isNotEqualTo(old.id());
        TokenRecord next = tokens.find(successor.id()).orElseThrow();
        assertThat(next.user()).isEqualTo("alice");
        assertThat(next.plan()).isEqualTo("pro");
        assertThat(next.scopes()).containsExactly("m1", "POST /api/v1/projects/p/");
        assertThat(next.expires()).as("the same lifetime, from now").isEqualTo(clock.instant().plus(Duration.ofDays(30)));
        assertThat(rotation.old().replacedBy()).isEqualTo(successor.id());
        assertThat(rotation.old().retires()).isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        assertThat(rotation.old().state(clock.instant())).isEqualTo("rotating");

        clock.advance(Duration.ofHours(24).minusMillis(1));
        assertThat(check(old.token(), "/api/v1/m1/x")).as("old, within the overlap").isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(check(successor.token(), "/api/v1/m1/x")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(check(old.token(), "/api/v1/m1/x")).isEqualTo(new AccessCheck.Decision.Unauthenticated("token rotated", true));
        assertThat(check(successor.token(), "/api/v1/m1/x")).isInstanceOf(AccessCheck.Decision.Allowed.class);
        assertThat(tokens.find(old.id()).orElseThrow().state(clock.instant())).isEqualTo("rotated");
    }

    @Test
    void theOverlapNeverOutlivesTheTokensExpiryAndRotationHappensOnce() {
        Tokens.Issued old = tokens.create(ACTOR, "alice", "free", List.of(), Duration.ofHours(2));
        var rotation = tokens.rotate(ACTOR, old.id(), Duration.ofDays(1)).orElseThrow();
        assertThat(rotation.old().end()).as("its own expiry comes first").isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThatThrownBy(() -> tokens.rotate(ACTOR, old.id(), Duration.ofDays(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already rotated to " + rotation.successor().id());
        Tokens.Issued never = tokens.create(ACTOR, "bob", "free", List.of(), null);
        Tokens.Issued immediate = tokens.rotate(ACTOR, never.id(), Duration.ZERO).orElseThrow().successor();
        assertThat(check(never.token(), "/")).isEqualTo(new AccessCheck.Decision.Unauthenticated("token rotated", true));
        assertThat(tokens.find(immediate.id()).orElseThrow().expires()).as("never expired, nor does its successor").isNull();
        Tokens.Issued revoked = tokens.create(ACTOR, "carol", "free", List.of(), null);
        tokens.revoke(ACTOR, revoked.id());
        assertThatThrownBy(() -> tokens.rotate(ACTOR, revoked.id(), Duration.ofDays(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is revoked");
        assertThat(tokens.rotate(ACTOR, "ffffffffffffffff", Duration.ofDays(1))).isEmpty();
        assertThat(tokens.list()).as("no successor left behind by a refused rotation").hasSize(5);
        tokens.revoke(ACTOR, rotation.successor().id());
        assertThat(check(rotation.successor().token(), "/")).isEqualTo(new AccessCheck.Decision.Unauthenticated("token revoked", true));
    }

    @Test
    void badInputIsRefusedAndNothingStored() {
        for (Runnable bad : List.<Runnable>of(
                () -> tokens.create(ACTOR, "al ice", "free", List.of(), null),
                () -> tokens.create(ACTOR, "alice", "free\r\nX-Admin: 1", List.of(), null),
                () -> tokens.create(ACTOR, "alice", "", List.of(), null),
                () -> tokens.create(ACTOR, "alice", "free", List.of("m 1"), null),
                () -> tokens.create(ACTOR, "alice", "free", List.of("/a/../b"), null))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(bad::run).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(tokens.list()).isEmpty();
    }
}
