package io.modelgate.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What is known about a token, never the token itself.
 *
 * @param id      public identifier (part of the token; shown in lists, sent as {@code X-Auth-Token-Id})
 * @param user    who the token belongs to ({@code X-Auth-User})
 * @param plan    the user's plan ({@code X-Auth-Plan})
 * @param scopes  what the token may call ({@link Scope}s in their canonical text), {@code *} for all
 * @param created when it was issued
 * @param expires when it stops working; null for never
 * @param revoked when it was revoked; null if it was not
 */
public record TokenRecord(String id, String user, String plan, List<String> scopes, Instant created, Instant expires,
                          Instant revoked) {

    public TokenRecord {
        requireNonNull(id, "id");
        requireNonNull(user, "user");
        requireNonNull(plan, "plan");
        requireNonNull(created, "created");
        scopes = List.copyOf(scopes);
    }

    /** The scopes, parsed. */
    public List<Scope> parsedScopes() {
        return scopes.stream().map(Scope::parse).toList();
    }

    /** Usable at {@code now}: not revoked, not expired. */
    public boolean activeAt(Instant now) {
        return revoked == null && (expires == null || now.isBefore(expires));
    }
}
