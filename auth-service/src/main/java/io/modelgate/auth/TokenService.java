package io.modelgate.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Issuing, rotating, revoking and listing tokens. Blocking (the store is JDBC). Checking them: {@link AccessCheck}. */
public class TokenService {

    private final Db db;
    private final TokenStore store;
    private final UserService users;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public TokenService(Db db, TokenStore store, UserService users, AuditLog audit, Clock clock) {
        this.db = db;
        this.store = store;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Issues a token; the returned value is the only time its secret exists outside the caller.
     *
     * @param actor who does it, for the audit
     * @param plan  the user's plan: required for a user that does not exist yet (see {@link UserService#forNewToken})
     * @throws IllegalArgumentException naming the bad input
     */
    public Tokens.Issued create(String actor, String user, String plan, List<String> scopes, Duration expiresIn) {
        Names.user(user);
        if (plan != null) {
            Names.plan(plan);
        }
        List<String> s = canonical(scopes);
        return db.inTransaction(() -> {
            UserRecord owner = users.forNewToken(actor, user, plan);
            Instant now = clock.instant();
            Tokens.Issued issued = Tokens.issue(random);
            Instant expires = expiresIn == null ? null : now.plus(expiresIn);
            store.insert(new TokenRecord(issued.id(), owner.name(), owner.plan(), s, now, expires), issued.hash());
            audit.record(actor, "token.create", issued.id(), "user " + owner.name() + "; scopes " + String.join(",", s)
                    + "; expires " + (expires == null ? "never" : expires));
            return issued;
        });
    }

    static List<String> canonical(List<String> scopes) {
        List<String> s = Scope.parseAll(scopes).stream().map(Scope::toString).toList();
        if (String.join(",", s).length() > 4000) {
            throw new IllegalArgumentException("the scopes are longer than 4000 characters together");
        }
        return s;
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
     * Rotates a token: a successor with the same user, scopes and lifetime (counted from now), while the old
     * token keeps working for {@code overlap} (never past its own expiry), then is refused as
     * {@code token rotated}. Empty when there is no such token.
     *
     * @throws IllegalArgumentException for something that is not a token id, or a negative overlap
     * @throws IllegalStateException    for a token that is revoked, expired or already rotated (naming its successor)
     */
    public Optional<Rotation> rotate(String actor, String id, Duration overlap) {
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
            if (!store.markRotated(id, successor.id(), now.plus(overlap))) {
                throw new IllegalStateException("token " + id + " was revoked or rotated meanwhile");
            }
            TokenRecord rotated = find(id).orElseThrow();
            audit.record(actor, "token.rotate", id, "successor " + successor.id() + "; works until " + rotated.end());
            return Optional.of(new Rotation(successor, rotated));
        });
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

    /** A user's tokens, newest first. */
    public List<TokenRecord> listOf(String user) {
        return store.listOf(user);
    }

    /** False if there is no such token. @throws IllegalArgumentException for something that is not a token id */
    public boolean revoke(String actor, String id) {
        requireId(id);
        return db.inTransaction(() -> {
            Optional<TokenRecord> before = find(id);
            if (before.isEmpty()) {
                return false;
            }
            store.revoke(id, clock.instant());
            audit.record(actor, "token.revoke", id, "user " + before.get().user()
                    + (before.get().revoked() == null ? "" : "; already revoked at " + before.get().revoked()));
            return true;
        });
    }

    static void requireId(String id) {
        if (!Tokens.isId(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a token id (16 hex digits, as 'token list' shows)");
        }
    }
}
