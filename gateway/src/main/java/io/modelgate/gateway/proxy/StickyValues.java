package io.modelgate.gateway.proxy;

import io.modelgate.gateway.runtime.Affinity;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;

/** Reads a request's affinity value: the sticky cookie, or the key ({@code query:}, {@code header:}, {@code cookie:}, {@code user}). */
final class StickyValues {

    /** The identity forward auth (or basic auth) sets; client-sent values are removed before routing. */
    private static final String USER_HEADER = "X-Forwarded-User";

    private StickyValues() {
    }

    static String of(Affinity affinity, HttpRequest req) {
        if (affinity.cookie() != null) {
            return cookie(req, affinity.cookieName());
        }
        String source = affinity.keySource();
        int colon = source.indexOf(':');
        String kind = colon < 0 ? source : source.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        String name = colon < 0 ? "" : source.substring(colon + 1);
        String value = switch (kind) {
            case "query" -> {
                List<String> v = new QueryStringDecoder(req.uri()).parameters().get(name);
                yield v == null || v.isEmpty() ? null : v.getFirst();
            }
            case "header" -> req.headers().get(name);
            case "cookie" -> cookie(req, name);
            default -> req.headers().get(USER_HEADER);
        };
        return value == null || value.isEmpty() ? null : value;
    }

    private static String cookie(HttpRequest req, String name) {
        for (String header : req.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                if (c.name().equals(name)) {
                    return c.value();
                }
            }
        }
        return null;
    }
}
