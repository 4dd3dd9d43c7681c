package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.StickySpec;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code loadBalancer.sticky} options, from a file tree or from labels, as flat lower-case keys relative to
 * {@code sticky}: {@code cookie} ({@code true}), {@code cookie.name}, {@code cookie.secure},
 * {@code cookie.httponly}, {@code cookie.samesite}, {@code cookie.maxage}, {@code cookie.path},
 * {@code cookie.domain}, {@code key}. Dedicated instances are not implemented yet and are refused, never
 * ignored: ignoring them would let two users share an instance that must be theirs alone.
 */
public final class StickyDecoder {

    private StickyDecoder() {
    }

    /** From the {@code sticky} node of a YAML file. */
    public static StickySpec fromTree(ConfigNode sticky) {
        Map<String, String> flat = new TreeMap<>();
        flatten("", sticky, flat);
        try {
            return fromFlat(flat);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(sticky.origin(), e.getMessage());
        }
    }

    private static void flatten(String prefix, ConfigNode node, Map<String, String> out) {
        switch (node) {
            case ConfigNode.MapNode m -> {
                if (m.entries().isEmpty() && !prefix.isEmpty()) {
                    out.put(prefix, "true"); // `cookie: {}` turns the cookie on with defaults
                }
                m.entries().forEach((k, e) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, e.value(), out));
            }
            case ConfigNode.Scalar s -> out.put(prefix, s.value() == null ? "true" : s.value());
            case ConfigNode.ListNode l -> throw new ConfigException(l.origin(), "sticky." + prefix + " must not be a list");
        }
    }

    /**
     * @param options keys relative to {@code sticky}, lower case
     * @return the affinity, or null when the options turn it off ({@code cookie=false})
     * @throws IllegalArgumentException with an operator-readable message
     */
    public static StickySpec fromFlat(Map<String, String> options) {
        String name = null;
        String sameSite = "";
        String path = "/";
        String domain = "";
        boolean secure = false;
        boolean httpOnly = false;
        int maxAge = 0;
        boolean cookie = false;
        String key = null;
        for (Map.Entry<String, String> o : options.entrySet()) {
            String k = o.getKey().toLowerCase(Locale.ROOT);
            String v = o.getValue().trim();
            if (k.startsWith("dedicated")) {
                throw new IllegalArgumentException("sticky.dedicated is not supported yet: the service is not served "
                        + "rather than sharing instances that must be dedicated");
            }
            switch (k) {
                case "cookie" -> cookie = bool(k, v);
                case "cookie.name" -> { name = v; cookie = true; }
                case "cookie.secure" -> { secure = bool(k, v); cookie = true; }
                case "cookie.httponly" -> { httpOnly = bool(k, v); cookie = true; }
                case "cookie.samesite" -> { sameSite = v; cookie = true; }
                case "cookie.maxage" -> {
                    try {
                        maxAge = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("sticky.cookie.maxAge must be an integer, got '" + v + "'");
                    }
                    cookie = true;
                }
                case "cookie.path" -> { path = v; cookie = true; }
                case "cookie.domain" -> { domain = v; cookie = true; }
                case "key" -> key = v;
                default -> throw new IllegalArgumentException("unknown sticky option '" + o.getKey() + "' (known: cookie, "
                        + "cookie.name, cookie.secure, cookie.httpOnly, cookie.sameSite, cookie.maxAge, cookie.path, "
                        + "cookie.domain, key)");
            }
        }
        if (cookie && key != null) {
            throw new IllegalArgumentException("sticky: use either cookie or key, not both");
        }
        if (key != null) {
            return new StickySpec(null, key);
        }
        return cookie ? new StickySpec(new StickySpec.CookieSpec(name, secure, httpOnly, sameSite, maxAge, path, domain), null)
                : null;
    }

    private static boolean bool(String key, String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("sticky." + key + " must be true or false, got '" + v + "'");
    }
}
