package io.modelgate.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code /auth} decision: the token (known, matching, not revoked, rotated past its overlap or expired),
 * its user (not suspended), its scopes and its plan's scopes (both must cover the request), the plan's
 * monthly quota (counted in memory, see {@link QuotaCounter}); what passes is counted as the token's usage
 * ({@link UsageCounter}). At most one database read per call, the token with its user and plan, and none when
 * {@link TokenLookups} remembers the token; no write.
 */
public class AccessCheck {

    /** The outcome of checking a request. */
    public sealed interface Decision {
        /**
         * The request may pass.
         *
         * @param quota     the quota count with this request; null for a plan without a quota
         * @param cacheable whether the gateway may reuse the decision (no quota: a quota counts every request)
         */
        record Allowed(TokenRecord token, Plan plan, QuotaCounter.Admission quota, boolean cacheable) implements Decision {
        }

        /** No token, or one that is unknown, malformed, expired, rotated, revoked, or a suspended user's: 401. */
        record Unauthenticated(String error, boolean tokenGiven) implements Decision {
        }

        /**
         * A good token whose scopes, or whose plan's, do not cover the request: 403, naming what was refused.
         *
         * @param plan the plan that refused it; null when the token's own scopes did
         */
        record Forbidden(String refused, String plan) implements Decision {

            public Forbidden(String refused) {
                this(refused, null);
            }

            /** The 403's message. */
            public String message() {
                return plan == null ? "token not valid for " + refused : "plan '" + plan + "' does not include " + refused;
            }
        }

        /** The user's quota for the period is used up: 429 until it resets. */
        record QuotaExceeded(Plan plan, QuotaCounter.Admission quota) implements Decision {
        }
    }

    private final TokenLookups tokens;
    private final QuotaCounter quotas;
    private final UsageCounter usage;
    private final Clock clock;

    public AccessCheck(TokenLookups tokens, QuotaCounter quotas, UsageCounter usage, Clock clock) {
        this.tokens = tokens;
        this.quotas = quotas;
        this.usage = usage;
        this.clock = clock;
    }

    /** Reads the database for every check (no remembered lookups). */
    public AccessCheck(TokenStore store, QuotaCounter quotas, UsageCounter usage, Clock clock) {
        this(TokenLookups.uncached(store), quotas, usage, clock);
    }

    Clock clock() {
        return clock;
    }

    /** Checks the token a request carries against what the request addresses; may read the database. */
    public Decision check(String token, Target target) {
        return decide(token, target, true);
    }

    /**
     * The same decision when it needs no database read (no token, or a remembered token whose quota count,
     * if its plan has one, is in memory); null when it would, so the caller moves it off the event loop.
     */
    public Decision checkWithoutBlocking(String token, Target target) {
        return decide(token, target, false);
    }

    private Decision decide(String token, Target target, boolean mayBlock) {
        if (token == null) {
            return new Decision.Unauthenticated("missing token", false);
        }
        Tokens.Parts parts = Tokens.parse(token);
        Optional<TokenLookups.Found> found = Optional.empty();
        if (parts != null) {
            found = mayBlock ? tokens.find(parts.id()) : tokens.remembered(parts.id());
            if (found.isEmpty() && !mayBlock) {
                return null;
            }
        }
        boolean matches = Tokens.matches(parts == null ? token : parts.secret(),
                found.map(f -> f.stored().secretHash()).orElse(null));
        if (!matches) {
            return new Decision.Unauthenticated("invalid token", true);
        }
        TokenStore.Stored s = found.get().stored();
        TokenRecord t = s.token();
        Instant now = clock.instant();
        if (t.revoked() != null) {
            return new Decision.Unauthenticated("token revoked", true);
        }
        if (t.retires() != null && !now.isBefore(t.retires())) {
            return new Decision.Unauthenticated("token rotated", true);
        }
        if (!t.activeAt(now)) {
            return new Decision.Unauthenticated("token expired", true);
        }
        if (s.user().state() == UserRecord.State.SUSPENDED) {
            return new Decision.Unauthenticated("user suspended", true);
        }
        List<Scope> tokenScopes = found.get().tokenScopes();
        if (!Scope.anyCovers(tokenScopes, target)) {
            return new Decision.Forbidden(refused(tokenScopes, target));
        }
        Plan plan = s.plan();
        List<Scope> planScopes = found.get().planScopes();
        if (!Scope.anyCovers(planScopes, target)) {
            return new Decision.Forbidden(refused(planScopes, target), plan.name());
        }
        QuotaCounter.Admission quota = null;
        if (plan.monthlyQuota() != null) {
            quota = quotas.admit(t.user(), plan.monthlyQuota(), mayBlock);
            if (quota == null) {
                return null; // the user's count is not in memory yet: reading it blocks
            }
            if (!quota.admitted()) {
                return new Decision.QuotaExceeded(plan, quota);
            }
        }
        usage.record(t.id(), now);
        // the gateway keys a cached decision on credential, host, method and the whole path, which is all a
        // scope decides on; only a quota, which counts every request, makes a decision unfit for reuse
        return new Decision.Allowed(t, plan, quota, quota == null);
    }

    /**
     * What a 403 names: the model, as it always did, when the scopes are only model names (and the request
     * addresses one); else the method and the normalized path.
     */
    static String refused(List<Scope> scopes, Target target) {
        boolean modelsOnly = scopes.stream().allMatch(s -> s.kind() != Scope.Kind.PREFIX && s.methods().isEmpty());
        String model = target.model();
        return modelsOnly && model != null && !model.isEmpty() ? "model '" + model + "'" : target.describe();
    }
}
