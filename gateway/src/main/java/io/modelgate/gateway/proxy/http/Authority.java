package io.modelgate.gateway.proxy.http;

/**
 * A {@code Host} value or an absolute-form target's authority, checked (RFC 9112 §3.2, RFC 3986 §3.2.2):
 * {@code host [":" port]} where host is a DNS-style name (letters, digits, {@code - . _}), an IPv4 address, or an
 * IPv6 literal in brackets, and port is 1 to 5 digits up to 65535. Stricter than the RFC's reg-name, which also
 * allows sub-delims and percent-encoding: no name a DNS resolver or a router could mean has them, and they are what
 * comma lists ({@code a, b}), paths ({@code a/b}), user info ({@code u@a}) and spaces are made of.
 */
public final class Authority {

    private static final int MAX_LENGTH = 255 + 6;

    private Authority() {
    }

    /** True if {@code value} may be routed on and forwarded as {@code Host}. */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        int portColon;
        if (value.charAt(0) == '[') {
            int close = value.indexOf(']');
            if (close < 3 || !ipv6(value, 1, close)) {
                return false;
            }
            portColon = close + 1 == value.length() ? -1 : close + 1;
            if (portColon > 0 && value.charAt(portColon) != ':') {
                return false;
            }
        } else {
            portColon = value.indexOf(':');
            int hostEnd = portColon < 0 ? value.length() : portColon;
            if (hostEnd == 0 || !name(value, hostEnd)) {
                return false;
            }
        }
        return portColon < 0 || port(value, portColon + 1);
    }

    private static boolean name(String v, int end) {
        for (int i = 0; i < end; i++) {
            char c = v.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean ipv6(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            boolean ok = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return v.indexOf(':', from) >= 0 && v.indexOf(':', from) < to;
    }

    private static boolean port(String v, int from) {
        int digits = v.length() - from;
        if (digits < 1 || digits > 5) {
            return false;
        }
        int port = 0;
        for (int i = from; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535;
    }
}
