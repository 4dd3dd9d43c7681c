package io.modelgate.gateway.middleware.forwardauth;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** What a cached forwardAuth decision is keyed on: who asks, for which host, method and path. */
final class AuthCacheKey {

    private AuthCacheKey() {
    }

    /**
     * The credential (Authorization, X-API-Key, the api_key query parameter, or the configured cookie), host,
     * method and the whole path (not the query), hashed; null without a credential (nothing to cache on). A token
     * scoped to one path prefix (one app of a project, say) never reuses a decision made for another path; an auth
     * service that decides by query parameters must answer {@code no-store}.
     */
    static String of(HttpRequest request, String credentialCookie) {
        HttpHeaders h = request.headers();
        String credential = h.get(HttpHeaderNames.AUTHORIZATION);
        if (credential == null) {
            credential = h.get("X-API-Key");
        }
        if (credential == null) {
            List<String> q = new QueryStringDecoder(request.uri()).parameters().get("api_key");
            credential = q == null || q.isEmpty() ? null : "api_key " + q.getFirst();
        }
        if (credential == null && credentialCookie != null) {
            credential = cookie(h, credentialCookie);
        }
        if (credential == null) {
            return null;
        }
        String host = String.valueOf(h.get(HttpHeaderNames.HOST)).toLowerCase(Locale.ROOT);
        return sha256(credential + "\u0000" + host + "\u0000" + request.method().name() + "\u0000" + rawPath(request.uri()));
    }

    private static String cookie(HttpHeaders h, String name) {
        for (String header : h.getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                if (c.name().equals(name)) {
                    return "cookie " + name + "=" + c.value();
                }
            }
        }
        return null;
    }

    /** The target without its query: what path scopes decide on. */
    private static String rawPath(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
