package io.modelgate.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Tokens with their user and plan, remembered for a moment ({@code modelgate.auth.lookup-cache-ttl}, 1 s by
 * default) so that {@code /auth} can decide a known token on the event loop, without a database read and the
 * thread hop a blocking read needs. Only tokens that exist are remembered (an unknown id always asks the
 * database, so a token created on another replica is found at once). Every admin action of this process
 * forgets everything ({@link AuditLog} records each one, inside the action's transaction, so a lookup racing the
 * commit may still remember the old row for one TTL); what another replica or the CLI changes is seen within
 * the TTL, which is small beside the gateway's own reuse of a decision ({@code cache-max-age}).
 */
public final class TokenLookups {

    /** A stored token with its scopes and its plan's scopes parsed once. */
    public record Found(TokenStore.Stored stored, List<Scope> tokenScopes, List<Scope> planScopes) {

        static Found of(TokenStore.Stored s) {
            return new Found(s, s.token().parsedScopes(), s.plan().parsedScopes());
        }
    }

    private final TokenStore store;
    private final Cache<String, Found> recent;

    /**
     * @param ttl   how long a lookup is remembered; zero remembers nothing
     * @param clock the time the TTL is measured in
     */
    public TokenLookups(TokenStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.recent = ttl.isZero() ? null : Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(100_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** No remembering: every lookup reads the database. */
    public static TokenLookups uncached(TokenStore store) {
        return new TokenLookups(store, Duration.ZERO, Clock.systemUTC());
    }

    /** Forgets what it remembers when an admin action is recorded in this process. */
    public TokenLookups forgetOnEveryChange(AuditLog audit) {
        audit.afterEachAction(this::forgetAll);
        return this;
    }

    /** The token if it is remembered; never blocks. */
    public Optional<Found> remembered(String id) {
        return recent == null ? Optional.empty() : Optional.ofNullable(recent.getIfPresent(id));
    }

    /** The token, remembered or read from the database (blocking). */
    public Optional<Found> find(String id) {
        Optional<Found> known = remembered(id);
        if (known.isPresent()) {
            return known;
        }
        Optional<Found> read = store.find(id).map(Found::of);
        if (recent != null) {
            read.ifPresent(f -> recent.put(id, f));
        }
        return read;
    }

    public void forgetAll() {
        if (recent != null) {
            recent.invalidateAll();
        }
    }
}
