package io.modelgate.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;

/**
 * The token a request carries, in this order: {@code Authorization: Bearer <token>}, {@code X-API-Key:
 * <token>}, or {@code api_key=<token>} in the query of {@code X-Forwarded-Uri} (links that carry their key,
 * as the gateway forwards them).
 *
 * <p>An {@code Authorization} header of another scheme ({@code Basic …}) is the request's credential and is
 * refused; the others are then not looked at. The gateway keys its decision cache on the first credential in
 * this same order, so a decision made on one credential can never be reused for a request whose first
 * credential is another.
 */
public final class Credentials {

    /** What an unusable {@code Authorization} header counts as: a token that matches nothing. */
    static final String INVALID = "invalid";

    private Credentials() {
    }

    /** The token, or null when the request carries none. */
    public static String token(HttpHeaders headers) {
        String auth = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (auth != null) {
            String t = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
            return t.isEmpty() ? INVALID : t;
        }
        String key = headers.getFirst("X-API-Key");
        if (key != null && !key.isBlank()) {
            return key.trim();
        }
        return queryParameter(headers.getFirst("X-Forwarded-Uri"), "api_key");
    }

    static String queryParameter(String uri, String name) {
        if (uri == null) {
            return null;
        }
        String query;
        try {
            query = URI.create(uri.startsWith("/") ? uri : "/" + uri).getRawQuery();
        } catch (IllegalArgumentException e) {
            int q = uri.indexOf('?');
            query = q < 0 ? null : uri.substring(q + 1);
        }
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            if (k.equals(name) && eq >= 0) {
                try {
                    String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    return v.isBlank() ? null : v;
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
