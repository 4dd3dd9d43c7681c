package io.modelgate.gateway.middleware.forwardauth;

import io.modelgate.gateway.pipeline.Identity;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * The caller's identity in an auth service's 2xx answer. The names are those of modelgate's auth-service
 * ({@code X-Auth-User}, {@code X-Auth-Plan}, {@code X-Auth-Token-Id}) and, for the user, those of the common
 * others (oauth2-proxy's {@code X-Auth-Request-User}, {@code X-Forwarded-User}); they are read from the auth
 * answer whether or not {@code authResponseHeaders} copies them to the service.
 */
final class AuthIdentity {

    static final List<String> USER_HEADERS = List.of("X-Auth-User", "X-Auth-Request-User", "X-Forwarded-User");
    static final String PLAN_HEADER = "X-Auth-Plan";
    static final String TOKEN_HEADER = "X-Auth-Token-Id";

    private AuthIdentity() {
    }

    /** The identity the answer names, or null when it names no user. */
    static Identity from(HttpHeaders answer) {
        for (String name : USER_HEADERS) {
            String user = answer.get(name);
            if (user != null && !user.isBlank()) {
                return new Identity(user.strip(), blankToNull(answer.get(PLAN_HEADER)), blankToNull(answer.get(TOKEN_HEADER)));
            }
        }
        return null;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
