package io.modelgate.gateway.proxy.http;

import io.modelgate.discovery.rule.RequestFacts;
import java.util.Locale;

/**
 * The request target, checked and split: origin-form {@code /path?query} (absolute-form is rewritten to it, its
 * authority replacing {@code Host} as RFC 9112 §3.2.2 says), the host without port for routing, and dot segments
 * removed from the path so that {@code /public/../admin} cannot reach a route it does not match (the backend gets
 * the same resolved path). Refused: encoded dot segments, encoded characters {@link EncodedCharacters} does not
 * allow, characters RFC 3986 does not allow in a path (a raw {@code \}, {@code "}, {@code <}, {@code |}, …),
 * fragments, and targets that are neither origin- nor absolute-form.
 *
 * @param uri       what is forwarded: normalized path plus the original query
 * @param path      the normalized path, what rules match
 * @param host      lower-case host without port, {@code ""} if the request has none
 * @param authority the absolute-form target's authority, which replaces {@code Host}; {@code null} for origin-form
 */
public record RequestTarget(String uri, String path, String host, String authority) {

    /** Parses the target with the default (strict) encoded-character rules; {@code null} if it must be refused. */
    public static RequestTarget parse(String rawUri, String hostHeader) {
        try {
            return parse(rawUri, hostHeader, EncodedCharacters.STRICT);
        } catch (Refused r) {
            return null;
        }
    }

    /**
     * Parses the target.
     *
     * @throws Refused with the reason to give the client (400)
     */
    public static RequestTarget parse(String rawUri, String hostHeader, EncodedCharacters encoded) {
        String uri = rawUri;
        String host = hostHeader;
        String authority = null;
        if (!uri.startsWith("/")) {
            int schemeEnd = uri.indexOf("://");
            String scheme = schemeEnd <= 0 ? "" : uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new Refused("bad request: the target is neither a path nor an http(s) URL");
            }
            int authEnd = schemeEnd + 3;
            while (authEnd < uri.length() && uri.charAt(authEnd) != '/' && uri.charAt(authEnd) != '?') {
                authEnd++;
            }
            authority = uri.substring(schemeEnd + 3, authEnd);
            if (!Authority.isValid(authority)) {
                throw new Refused("bad request: invalid authority in the target");
            }
            host = authority;
            uri = authEnd == uri.length() ? "/" : uri.charAt(authEnd) == '?' ? "/" + uri.substring(authEnd) : uri.substring(authEnd);
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        if (uri.indexOf('#') >= 0) {
            throw new Refused("bad request: fragment in the target");
        }
        if (!pathChars(path)) {
            throw new Refused("bad request: character not allowed in a path");
        }
        if (path.indexOf('%') >= 0) {
            if (hasEncodedDotSegment(path)) {
                throw new Refused("bad request: encoded dot segment in the path");
            }
            String why = encoded.refusal(path);
            if (why != null) {
                throw new Refused(why);
            }
        }
        if (path.contains("/.")) {
            String clean = removeDotSegments(path);
            uri = q < 0 ? clean : clean + uri.substring(q);
            path = clean;
        }
        return new RequestTarget(uri, path, hostOnly(host), authority);
    }

    /** RFC 3986 pchar and '/': unreserved, sub-delims, ':', '@', and '%' (its encoding is checked apart). */
    private static boolean pathChars(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasEncodedDotSegment(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (!lower.contains("%2e")) {
            return false;
        }
        for (String seg : lower.split("/", -1)) {
            String decoded = seg.replace("%2e", ".");
            if (!decoded.equals(seg) && (decoded.equals(".") || decoded.equals(".."))) {
                return true;
            }
        }
        return false;
    }

    /** RFC 3986 §5.2.4 on a path that starts with '/'. */
    public static String removeDotSegments(String path) {
        String[] segments = path.split("/", -1);
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (int i = 1; i < segments.length; i++) {
            String seg = segments[i];
            boolean last = i == segments.length - 1;
            if (seg.equals(".")) {
                if (last) {
                    out.addLast("");
                }
            } else if (seg.equals("..")) {
                out.pollLast();
                if (last) {
                    out.addLast("");
                }
            } else {
                out.addLast(seg);
            }
        }
        return "/" + String.join("/", out);
    }

    private static String hostOnly(String host) {
        if (host == null) {
            return "";
        }
        int end = host.length();
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            end = close < 0 ? end : close + 1;
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                end = colon;
            }
        }
        // the form rules compare (`a.local.` is `a.local`), and the access log writes
        return RequestFacts.canonicalHost(host.substring(0, end));
    }

    /** A target that must be refused with 400, and why (the reason is safe to show the client). */
    public static final class Refused extends IllegalArgumentException {
        public Refused(String reason) {
            super(reason, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
