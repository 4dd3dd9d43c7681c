package io.modelgate.gateway.proxy.http;

import java.util.Locale;

/**
 * The request target, checked and split: origin-form {@code /path?query} (absolute-form is rewritten to
 * it), the host without port for routing, and dot segments removed from the path so that
 * {@code /public/../admin} cannot reach a route it does not match. Encoded dot segments are refused.
 *
 * @param uri  what is forwarded: normalized path plus the original query
 * @param path the normalized path, what rules match
 * @param host lower-case host without port, {@code ""} if the request has none
 */
public record RequestTarget(String uri, String path, String host) {

    /** Parses the target; returns {@code null} if it must be refused with 400. */
    public static RequestTarget parse(String rawUri, String hostHeader) {
        String uri = rawUri;
        String host = hostHeader;
        if (!uri.startsWith("/")) {
            int schemeEnd = uri.indexOf("://");
            if (schemeEnd <= 0) {
                return null; // '*' and authority-form are not for a reverse proxy
            }
            int pathStart = uri.indexOf('/', schemeEnd + 3);
            host = uri.substring(schemeEnd + 3, pathStart < 0 ? uri.length() : pathStart);
            uri = pathStart < 0 ? "/" : uri.substring(pathStart);
        }
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        if (path.indexOf('#') >= 0) {
            return null;
        }
        if (path.contains("%2") && hasEncodedDotSegment(path)) {
            return null;
        }
        if (path.contains("/.")) {
            String clean = removeDotSegments(path);
            uri = q < 0 ? clean : clean + uri.substring(q);
            path = clean;
        }
        return new RequestTarget(uri, path, hostOnly(host));
    }

    private static boolean hasEncodedDotSegment(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
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
        return host.substring(0, end).toLowerCase(Locale.ROOT);
    }
}
