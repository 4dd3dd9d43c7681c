package io.modelgate.gateway.pipeline;

import java.util.Objects;

/**
 * Who is calling, as an auth middleware established it (forwardAuth from the auth service's answer,
 * basicAuth from the user it verified). Later middlewares read it — a rate limit per user or per plan, a
 * sticky key by user — and the access log records it; it never comes from what the client sent.
 *
 * @param user    the authenticated user, never blank
 * @param plan    the user's plan, if the auth service names one (null otherwise)
 * @param tokenId the public id of the credential used, if the auth service names one (null otherwise)
 */
public record Identity(String user, String plan, String tokenId) {

    public Identity {
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("blank user");
        }
    }

    /** A user without plan or token id (basicAuth). */
    public static Identity user(String user) {
        return new Identity(user, null, null);
    }
}
