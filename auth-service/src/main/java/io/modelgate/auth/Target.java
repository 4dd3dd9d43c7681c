package io.modelgate.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * What a request addresses, as scopes see it: its method ({@code X-Forwarded-Method}) and its path
 * ({@code X-Forwarded-Uri}), normalized: query dropped, percent-encoding decoded, dot segments removed.
 *
 * <p>A path that servers could read in more than one way is <em>ambiguous</em> ({@link #path()} is null) and
 * only the scope {@code *} covers it: an encoded {@code /} or {@code \} or NUL, an encoded dot segment
 * ({@code %2e%2e}), a {@code \} or {@code ;} anywhere (Tomcat reads {@code /a/..;/b} as {@code /b}), an empty
 * segment inside the path ({@code //}: collapsed before or after dot segments, depending on the server), or
 * bad percent-encoding. The gateway already refuses encoded dot segments and removes dot segments; this is
 * the same rule where the decision is made, whoever sends the request.
 *
 * @param method  upper-case method, or null when the request did not say
 * @param path    normalized, decoded path (starts with {@code /}), or null when ambiguous
 * @param rawPath the path as received (for messages)
 */
public record Target(String method, String path, String rawPath) {

    private static final String API = "/api/v1/";

    /** The target of a forwarded request: method and URI as the gateway sends them (either may be null). */
    public static Target of(String method, String uri) {
        String raw = uri == null ? "/" : uri;
        int end = indexOfAny(raw, '?', '#');
        raw = end < 0 ? raw : raw.substring(0, end);
        if (!raw.startsWith("/")) {
            raw = "/" + raw;
        }
        String m = method == null || method.isBlank() ? null : method.trim().toUpperCase(Locale.ROOT);
        return new Target(m, normalize(raw), raw);
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** The normalized path, or null when ambiguous (see the class comment). */
    static String normalize(String rawPath) {
        String[] segments = rawPath.substring(1).split("/", -1);
        ArrayDeque<String> out = new ArrayDeque<>();
        for (int i = 0; i < segments.length; i++) {
            String raw = segments[i];
            boolean last = i == segments.length - 1;
            if (raw.isEmpty() && !last || raw.indexOf(';') >= 0 || raw.indexOf('\\') >= 0) {
                return null;
            }
            String seg = decode(raw);
            if (seg == null || seg.indexOf('/') >= 0 || seg.indexOf('\\') >= 0 || seg.indexOf(';') >= 0
                    || seg.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return null;
            }
            boolean dot = seg.equals(".") || seg.equals("..");
            if (dot && !seg.equals(raw)) {
                return null; // %2e%2e: encoded dot segments are refused, not resolved
            }
            if (seg.equals("..")) {
                out.pollLast();
            }
            if (dot) {
                if (last) {
                    out.addLast(""); // "/a/b/.." is "/a/", a directory
                }
                continue;
            }
            out.addLast(seg);
        }
        return "/" + String.join("/", out);
    }

    /** Percent-decoding as UTF-8; null for a bad escape or bytes that are not UTF-8. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.chars().allMatch(c -> c < 0x80)) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    return null;
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c <= 0xff) {
                bytes.write(c); // header values arrive as ISO-8859-1: a char is a byte of the request line
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** True when no server could read the path two ways. */
    public boolean clear() {
        return path != null;
    }

    /**
     * The model the request addresses: the segment after {@code /api/v1/}; null when it addresses none;
     * {@code ""} (a model no scope names) when the path is ambiguous.
     */
    public String model() {
        if (path == null) {
            return "";
        }
        if (!path.startsWith(API)) {
            return null;
        }
        String rest = path.substring(API.length());
        int slash = rest.indexOf('/');
        String model = slash < 0 ? rest : rest.substring(0, slash);
        return model.isEmpty() ? null : model;
    }

    /** The request as a 403 names it: {@code POST /api/v1/…} (at most 300 characters of path). */
    public String describe() {
        String p = path != null ? path : rawPath + " (ambiguous path: only '*' covers it)";
        if (p.length() > 300) {
            p = p.substring(0, 300) + "…";
        }
        return (method == null ? "" : method + " ") + p;
    }
}
