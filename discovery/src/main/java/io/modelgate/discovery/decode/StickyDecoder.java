package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.StickySpec;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code loadBalancer.sticky} options from their tree (a file's or a workload's labels), read as flat lower-case
 * keys relative to {@code sticky}: {@code cookie} ({@code true}), {@code cookie.name}, {@code cookie.secure},
 * {@code cookie.httponly}, {@code cookie.samesite}, {@code cookie.maxage}, {@code cookie.path},
 * {@code cookie.domain}, {@code key}, {@code dedicated}, {@code dedicated.idle} ({@code 30m}, {@code 1h},
 * {@code 90s}).
 */
public final class StickyDecoder {

    /** The options, dotted below {@code sticky}, as Traefik spells them. */
    public static final java.util.List<String> KEYS = java.util.List.of("cookie", "cookie.name", "cookie.secure",
            "cookie.httpOnly", "cookie.sameSite", "cookie.maxAge", "cookie.path", "cookie.domain", "key", "dedicated",
            "dedicated.idle");

    private StickyDecoder() {
    }

    /**
     * From the {@code sticky} node of a file or of labels. A bare {@code sticky=true} label names no kind of
     * affinity and configures none, as before it had its options.
     */
    public static StickySpec fromTree(ConfigNode sticky) {
        if (sticky instanceof ConfigNode.Scalar s) {
            if (s.value() != null) {
                Values.bool(s, "sticky");
            }
            return null;
        }
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
    static StickySpec fromFlat(Map<String, String> options) {
        String name = null;
        String sameSite = "";
        String path = "/";
        String domain = "";
        boolean secure = false;
        boolean httpOnly = false;
        int maxAge = 0;
        boolean cookie = false;
        String key = null;
        boolean dedicated = false;
        java.time.Duration idle = null;
        for (Map.Entry<String, String> o : options.entrySet()) {
            String k = o.getKey().toLowerCase(Locale.ROOT);
            String v = o.getValue().trim();
            switch (k) {
                case "dedicated" -> dedicated = bool(k, v);
                case "dedicated.idle" -> { idle = duration(v); dedicated = true; } // file: dedicated: { idle: 10m }
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
                default -> throw new IllegalArgumentException("unknown sticky option '" + o.getKey() + "' (known: "
                        + String.join(", ", KEYS) + ")");
            }
        }
        if (cookie && (key != null || dedicated)) {
            throw new IllegalArgumentException("sticky: use either cookie or key (and dedicated), not both");
        }
        if (key != null || dedicated) {
            return new StickySpec(null, key, dedicated, idle);
        }
        return cookie ? new StickySpec(new StickySpec.CookieSpec(name, secure, httpOnly, sameSite, maxAge, path, domain), null)
                : null;
    }

    /** Go-style durations as Traefik writes them: {@code 500ms}, {@code 90s}, {@code 30m}, {@code 2h}. */
    public static java.time.Duration duration(String v) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(v);
        if (!m.matches()) {
            throw new IllegalArgumentException("durations look like 500ms, 90s, 30m or 2h; got '" + v + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> java.time.Duration.ofMillis(n);
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            default -> java.time.Duration.ofHours(n);
        };
    }

    private static boolean bool(String key, String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("sticky." + key + " must be true or false, got '" + v + "'");
    }
}
