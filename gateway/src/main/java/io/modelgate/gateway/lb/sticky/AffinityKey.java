package io.modelgate.gateway.lb.sticky;

import io.modelgate.gateway.pipeline.Identity;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;
import java.util.Locale;

/**
 * Where a request's affinity key comes from, parsed once from {@code sticky.key} when the configuration is
 * compiled: {@code query:<name>}, {@code header:<name>}, {@code cookie:<name>} or {@code user}.
 */
public sealed interface AffinityKey {

    /**
     * The key of this request, or null if it carries none (an empty value counts as none).
     *
     * @param caller who an auth middleware said the caller is, or null
     */
    String read(HttpRequest request, Identity caller);

    /** From a validated {@code sticky.key} value (see {@code StickySpec.validateKey}). */
    static AffinityKey parse(String source) {
        int colon = source.indexOf(':');
        String kind = colon < 0 ? source.toLowerCase(Locale.ROOT) : source.substring(0, colon).toLowerCase(Locale.ROOT);
        String name = colon < 0 ? "" : source.substring(colon + 1);
        return switch (kind) {
            case "query" -> new Query(name);
            case "header" -> new Header(name);
            case "cookie" -> new CookieNamed(name);
            case "user" -> new User();
            default -> throw new IllegalArgumentException("sticky key '" + source + "' is not query:, header:, cookie: or user");
        };
    }

    /** A query parameter, e.g. Prodigy's {@code ?session=}. */
    record Query(String name) implements AffinityKey {
        @Override
        public String read(HttpRequest request, Identity caller) {
            List<String> v = new QueryStringDecoder(request.uri()).parameters().get(name);
            return v == null || v.isEmpty() ? null : orNull(v.getFirst());
        }
    }

    /** A request header. */
    record Header(String name) implements AffinityKey {
        @Override
        public String read(HttpRequest request, Identity caller) {
            return orNull(request.headers().get(name));
        }
    }

    /** A cookie the application sets itself. */
    record CookieNamed(String name) implements AffinityKey {
        @Override
        public String read(HttpRequest request, Identity caller) {
            return orNull(cookie(request, name));
        }
    }

    /**
     * The user an auth middleware identified (forwardAuth's {@code X-Auth-User}, basicAuth's user), else the
     * {@code X-Forwarded-User} header an auth middleware set; client-sent values of that header were removed
     * before routing, so neither can be forged.
     */
    record User() implements AffinityKey {
        static final String HEADER = "X-Forwarded-User";

        @Override
        public String read(HttpRequest request, Identity caller) {
            return caller != null ? caller.user() : orNull(request.headers().get(HEADER));
        }
    }

    /** The value of the cookie {@code name}, or null. */
    static String cookie(HttpRequest request, String name) {
        for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
            for (Cookie c : ServerCookieDecoder.LAX.decode(header)) {
                if (c.name().equals(name)) {
                    return c.value();
                }
            }
        }
        return null;
    }

    private static String orNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
