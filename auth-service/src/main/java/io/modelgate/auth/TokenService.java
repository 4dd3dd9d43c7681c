package io.modelgate.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Issuing, checking, rotating and revoking tokens. Blocking (the store is JDBC). */
public class TokenService {

    /** The outcome of checking a request's token. */
    public sealed interface Decision {
        /** The token is good for this request. */
        record Allowed(TokenRecord token) implements Decision {
        }

        /** No token, or one that is unknown, malformed, expired or revoked: 401. */
        record Unauthenticated(String error, boolean tokenGiven) implements Decision {
        }

        /** A good token whose scopes do not cover the request: 403, naming what was refused. */
        record Forbidden(String refused) implements Decision {

            /** The 403's message. */
            public String message() {
                return "token not valid for " + refused;
            }
        }
    }

    private final Db db;
    private final TokenStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(Db db, TokenStore store, Clock clock) {
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Issues a token; the returned value is the only time its secret exists outside the caller.
     *
     * @throws IllegalArgumentException naming the bad input
     */
    public Tokens.Issued create(String user, String plan, List<String> scopes, Duration expiresIn) {
        requireName(user, "user");
        requireName(plan, "plan");
        List<String> s = Scope.parseAll(scopes).stream().map(Scope::toString).toList();
        if (String.join(",", s).length() > 4000) {
            throw new IllegalArgumentException("the scopes are longer than 4000 characters together");
        }
        Instant now = clock.instant();
        Tokens.Issued issued = Tokens.issue(random);
        store.insert(new TokenRecord(issued.id(), user, plan, s, now, expiresIn == null ? null : now.plus(expiresIn)),
                issued.hash());
        return issued;
    }

    /**
     * A rotation's outcome.
     *
     * @param successor the new token (shown once)
     * @param old       the rotated token, as it is now: it works until {@link TokenRecord#retires()}
     */
    public record Rotation(Tokens.Issued successor, TokenRecord old) {
    }

    /**
     * Rotates a token: a successor with the same user, plan, scopes and lifetime (counted from now), while the
     * old token keeps working for {@code overlap} (never past its own expiry), then is refused as
     * {@code token rotated}. Empty when there is no such token.
     *
     * @throws IllegalArgumentException for something that is not a token id, or a negative overlap
     * @throws IllegalStateException    for a token that is revoked, expired or already rotated (naming its successor)
     */
    public Optional<Rotation> rotate(String id, Duration overlap) {
        requireId(id);
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("the overlap must not be negative");
        }
        return db.inTransaction(() -> {
            Optional<TokenRecord> found = find(id);
            if (found.isEmpty()) {
                return Optional.<Rotation>empty();
            }
            TokenRecord old = found.get();
            Instant now = clock.instant();
            if (old.replacedBy() != null) {
                throw new IllegalStateException("token " + id + " was already rotated to " + old.replacedBy()
                        + ": rotate that one");
            }
            if (!old.activeAt(now)) {
                throw new IllegalStateException("token " + id + " is " + old.state(now) + ": only a working token is rotated");
            }
            Duration lifetime = old.expires() == null ? null : Duration.between(old.created(), old.expires());
            Tokens.Issued successor = Tokens.issue(random);
            store.insert(new TokenRecord(successor.id(), old.user(), old.plan(), old.scopes(), now,
                    lifetime == null ? null : now.plus(lifetime)), successor.hash());
            Instant retires = now.plus(overlap);
            if (!store.markRotated(id, successor.id(), retires)) {
                throw new IllegalStateException("token " + id + " was revoked or rotated meanwhile");
            }
            return Optional.of(new Rotation(successor, find(id).orElseThrow()));
        });
    }

    private static void requireName(String value, String what) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9@._+-]{0,199}")) {
            throw new IllegalArgumentException(what + " must be 1-200 characters: letters, digits and @ . _ + - "
                    + "(it is sent as a header), got '" + value + "'");
        }
    }

    /** Checks the token a request carries against what the request addresses. */
    public Decision check(String token, Target target) {
        if (token == null) {
            return new Decision.Unauthenticated("missing token", false);
        }
        Tokens.Parts parts = Tokens.parse(token);
        Optional<TokenStore.Stored> stored = parts == null ? Optional.empty() : store.find(parts.id());
        boolean matches = Tokens.matches(parts == null ? token : parts.secret(),
                stored.map(TokenStore.Stored::secretHash).orElse(null));
        if (!matches) {
            return new Decision.Unauthenticated("invalid token", true);
        }
        TokenRecord t = stored.get().token();
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
        List<Scope> scopes = t.parsedScopes();
        return Scope.anyCovers(scopes, target) ? new Decision.Allowed(t) : new Decision.Forbidden(refused(scopes, target));
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

    Clock clock() {
        return clock;
    }

    /** The record of one token, by id. */
    public Optional<TokenRecord> find(String id) {
        return store.find(id).map(TokenStore.Stored::token);
    }

    public List<TokenRecord> list() {
        return store.list();
    }

    /** @throws IllegalArgumentException for something that is not a token id */
    public boolean revoke(String id) {
        requireId(id);
        return store.revoke(id, clock.instant());
    }

    private static void requireId(String id) {
        if (!Tokens.isId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a token id (16 hex digits, as 'token list' shows)");
        }
    }
}
