package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.HealthCheckSpec;
import io.modelgate.discovery.config.PassiveHealthSpec;
import io.modelgate.discovery.config.StatusRanges;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A load balancer's {@code healthCheck} and {@code passiveHealthCheck} as flat lower-case keys relative to
 * each ({@code path}, {@code headers.x-probe}, {@code failurewindow}), read the same way from a file and from
 * labels ({@code …loadbalancer.healthcheck.path=/health}).
 */
public final class HealthCheckDecoder {

    /** Active options, lower case; {@code headers.<name>} besides these. */
    public static final Set<String> ACTIVE_KEYS = Set.of("path", "method", "interval", "unhealthyinterval", "timeout",
            "scheme", "port", "hostname", "status", "followredirects", "mode");

    /** Passive options, lower case. */
    public static final Set<String> PASSIVE_KEYS = Set.of("failurewindow", "maxfailedattempts", "status", "maxejection");

    private HealthCheckDecoder() {
    }

    /**
     * @param options some of {@link #ACTIVE_KEYS} and {@code headers.<name>}; empty for none
     * @return the check, or null when none is configured
     * @throws IllegalArgumentException with an operator-readable message
     */
    static HealthCheckSpec active(Map<String, String> options) {
        if (options.isEmpty()) {
            return null;
        }
        String path = null;
        String method = null;
        Duration interval = null;
        Duration unhealthy = null;
        Duration timeout = null;
        String scheme = null;
        int port = 0;
        String hostname = null;
        int status = 0;
        boolean follow = true;
        Map<String, String> headers = new TreeMap<>();
        for (Map.Entry<String, String> o : options.entrySet()) {
            String key = o.getKey().toLowerCase(Locale.ROOT);
            String v = o.getValue().trim();
            if (key.startsWith("headers.") && key.length() > "headers.".length()) {
                headers.put(o.getKey().substring("headers.".length()), v);
                continue;
            }
            switch (key) {
                case "path" -> path = v;
                case "method" -> method = v;
                case "interval" -> interval = StickyDecoder.duration(v);
                case "unhealthyinterval" -> unhealthy = StickyDecoder.duration(v);
                case "timeout" -> timeout = StickyDecoder.duration(v);
                case "scheme" -> scheme = v.toLowerCase(Locale.ROOT);
                case "port" -> port = integer("healthCheck.port", v);
                case "hostname" -> hostname = v;
                case "status" -> status = integer("healthCheck.status", v);
                case "followredirects" -> follow = bool("healthCheck.followRedirects", v);
                case "mode" -> {
                    if (!v.equalsIgnoreCase("http")) {
                        throw new IllegalArgumentException("healthCheck.mode '" + v + "' is not supported (only http)");
                    }
                }
                default -> throw new IllegalArgumentException("unknown key '" + o.getKey() + "' in healthCheck (known: "
                        + String.join(", ", new TreeSet<>(ACTIVE_KEYS)) + ", headers.<name>)");
            }
        }
        return new HealthCheckSpec(path, method, interval, unhealthy, timeout, scheme, port, hostname, headers, status, follow);
    }

    /**
     * @param options some of {@link #PASSIVE_KEYS}; empty for none
     * @return the passive check, or null when none is configured
     * @throws IllegalArgumentException with an operator-readable message
     */
    static PassiveHealthSpec passive(Map<String, String> options) {
        if (options.isEmpty()) {
            return null;
        }
        Duration window = null;
        int attempts = 1;
        StatusRanges status = null;
        Duration max = null;
        for (Map.Entry<String, String> o : options.entrySet()) {
            String v = o.getValue().trim();
            switch (o.getKey().toLowerCase(Locale.ROOT)) {
                case "failurewindow" -> window = StickyDecoder.duration(v);
                case "maxfailedattempts" -> attempts = integer("passiveHealthCheck.maxFailedAttempts", v);
                case "status" -> status = StatusRanges.parse(List.of(v));
                case "maxejection" -> max = StickyDecoder.duration(v);
                default -> throw new IllegalArgumentException("unknown key '" + o.getKey() + "' in passiveHealthCheck "
                        + "(known: " + String.join(", ", new TreeSet<>(PASSIVE_KEYS)) + ")");
            }
        }
        return new PassiveHealthSpec(window, attempts, status, max);
    }

    /** The file's {@code healthCheck} map, or null. */
    static HealthCheckSpec activeFromTree(ConfigNode node) {
        if (node == null) {
            return null;
        }
        Map<String, String> flat = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (ConfigNode.Entry e : Values.map(node, "healthCheck").entries().values()) {
            if (e.key().equalsIgnoreCase("headers")) {
                Values.stringMap(e.value(), "healthCheck.headers").forEach((k, v) -> flat.put("headers." + k, v));
            } else {
                flat.put(e.key(), Values.string(e.value(), "healthCheck." + e.key()));
            }
        }
        try {
            return active(flat.isEmpty() ? Map.of("path", "/") : flat);
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException ? e : new ConfigException(node.origin(), e.getMessage());
        }
    }

    /** The file's {@code passiveHealthCheck} map, or null. */
    static PassiveHealthSpec passiveFromTree(ConfigNode node) {
        if (node == null) {
            return null;
        }
        Map<String, String> flat = new TreeMap<>();
        for (ConfigNode.Entry e : Values.map(node, "passiveHealthCheck").entries().values()) {
            String key = e.key().toLowerCase(Locale.ROOT);
            flat.put(key, key.equals("status") ? String.join(",", Values.strings(e.value(), "passiveHealthCheck.status"))
                    : Values.string(e.value(), "passiveHealthCheck." + e.key()));
        }
        try {
            return passive(flat.isEmpty() ? Map.of("maxfailedattempts", "1") : flat);
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException ? e : new ConfigException(node.origin(), e.getMessage());
        }
    }

    private static int integer(String what, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be an integer, got '" + v + "'");
        }
    }

    private static boolean bool(String what, String v) {
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(what + " must be true or false, got '" + v + "'");
    }
}
