package io.modelgate.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What is known about a token, never the token itself.
 *
 * @param id         public identifier (part of the token; shown in lists, sent as {@code X-Auth-Token-Id})
 * @param user       who the token belongs to ({@code X-Auth-User})
 * @param plan       the user's plan ({@code X-Auth-Plan})
 * @param scopes     what the token may call ({@link Scope}s in their canonical text), {@code *} for all
 * @param created    when it was issued
 * @param expires    when it stops working; null for never
 * @param revoked    when it was revoked; null if it was not
 * @param replacedBy the successor's id once the token was rotated; null before
 * @param retires    when a rotated token stops working (the end of the overlap); null if not rotated
 * @param lastUsed   when {@code /auth} last let it through, as of the last flush; null for never
 * @param requests   how many times {@code /auth} let it through, as of the last flush
 */
public record TokenRecord(String id, String user, String plan, List<String> scopes, Instant created, Instant expires,
                          Instant revoked, String replacedBy, Instant retires, Instant lastUsed, long requests) {

    public TokenRecord {
        requireNonNull(id, "id");
        requireNonNull(user, "user");
        requireNonNull(plan, "plan");
        requireNonNull(created, "created");
        scopes = List.copyOf(scopes);
    }

    /** A token as issued: not revoked, not rotated. */
    public TokenRecord(String id, String user, String plan, List<String> scopes, Instant created, Instant expires) {
        this(id, user, plan, scopes, created, expires, null, null, null, null, 0);
    }

    /** The scopes, parsed. */
    public List<Scope> parsedScopes() {
        return scopes.stream().map(Scope::parse).toList();
    }

    /** Usable at {@code now}: not revoked, not expired, not past its rotation's overlap. */
    public boolean activeAt(Instant now) {
        return revoked == null && (expires == null || now.isBefore(expires)) && (retires == null || now.isBefore(retires));
    }

    /** When it stops working by itself: the earlier of its expiry and the end of its rotation's overlap; null for never. */
    public Instant end() {
        if (expires == null) {
            return retires;
        }
        return retires == null || expires.isBefore(retires) ? expires : retires;
    }

    /** A word for lists: {@code active}, {@code revoked}, {@code expired}, {@code rotated} (past the overlap) or {@code rotating}. */
    public String state(Instant now) {
        if (revoked != null) {
            return "revoked";
        }
        if (retires != null && !now.isBefore(retires)) {
            return "rotated";
        }
        if (expires != null && !now.isBefore(expires)) {
            return "expired";
        }
        return replacedBy != null ? "rotating" : "active";
    }
}
