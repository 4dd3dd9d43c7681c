package io.modelgate.gateway.proxy.http;

/**
 * Which percent-encoded characters a request path may carry (Traefik v3's
 * {@code entryPoints.<name>.http.encodedCharacters}, same names). All are refused by default with 400: a backend
 * that decodes {@code %2F} to {@code /} or {@code %5C} to {@code \} (or resolves {@code %2E%2E}) reaches paths the
 * gateway never routed. Encoded dot segments ({@code /%2e%2e/}) are refused even when {@code allowEncodedDot} is
 * set; it only lets a dot inside a segment ({@code /v1%2E2}) through.
 *
 * @param allowEncodedSlash         {@code %2F}
 * @param allowEncodedBackSlash     {@code %5C}
 * @param allowEncodedDot           {@code %2E} (ours: Traefik has no such option)
 * @param allowEncodedNullCharacter {@code %00}
 */
public record EncodedCharacters(boolean allowEncodedSlash, boolean allowEncodedBackSlash, boolean allowEncodedDot,
                                boolean allowEncodedNullCharacter) {

    /** Nothing allowed: the default. */
    public static final EncodedCharacters STRICT = new EncodedCharacters(false, false, false, false);

    /** Why {@code path} (still encoded) must be refused, or {@code null} if it may pass. */
    String refusal(String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || hex(path.charAt(i + 1)) < 0 || hex(path.charAt(i + 2)) < 0) {
                return "bad request: malformed percent-encoding in the path";
            }
            int c = hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2));
            if (c == '/' && !allowEncodedSlash) {
                return "bad request: encoded '/' (%2F) in the path";
            }
            if (c == '\\' && !allowEncodedBackSlash) {
                return "bad request: encoded '\\' (%5C) in the path";
            }
            if (c == '.' && !allowEncodedDot) {
                return "bad request: encoded '.' (%2E) in the path";
            }
            if (c == 0 && !allowEncodedNullCharacter) {
                return "bad request: encoded NUL (%00) in the path";
            }
        }
        return null;
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
