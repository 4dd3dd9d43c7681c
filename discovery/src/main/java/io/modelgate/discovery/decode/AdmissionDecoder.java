package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.AdmissionSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A load balancer's admission options as flat lower-case keys relative to {@code loadBalancer} —
 * {@code server.maxinflight}, {@code queue.size}, {@code queue.timeout} — read the same way from a file
 * ({@code loadBalancer: {server: {maxInFlight: 1}, queue: {size: 4, timeout: 30s}}}) and from labels
 * ({@code …loadbalancer.server.maxinflight=1}).
 */
public final class AdmissionDecoder {

    /** The keys, relative to {@code loadBalancer}, lower case. */
    public static final Set<String> KEYS = Set.of("server.maxinflight", "queue.size", "queue.timeout");

    private AdmissionDecoder() {
    }

    /** True if {@code key} (relative to {@code loadBalancer}, any case) is an admission option. */
    public static boolean owns(String key) {
        return KEYS.contains(key.toLowerCase(Locale.ROOT));
    }

    /**
     * @param options some of {@link #KEYS}; empty for none
     * @return the admission control, or null when none is configured
     * @throws IllegalArgumentException with an operator-readable message
     */
    public static AdmissionSpec fromFlat(Map<String, String> options) {
        if (options.isEmpty()) {
            return null;
        }
        Integer max = null;
        int size = AdmissionSpec.DEFAULT_QUEUE_SIZE;
        Duration timeout = null;
        for (Map.Entry<String, String> o : options.entrySet()) {
            String v = o.getValue().trim();
            switch (o.getKey().toLowerCase(Locale.ROOT)) {
                case "server.maxinflight" -> max = integer("server.maxInFlight", v);
                case "queue.size" -> size = integer("queue.size", v);
                case "queue.timeout" -> timeout = StickyDecoder.duration(v);
                default -> throw new IllegalArgumentException("unknown admission option '" + o.getKey() + "'");
            }
        }
        if (max == null) {
            throw new IllegalArgumentException("loadBalancer.queue needs loadBalancer.server.maxInFlight");
        }
        return new AdmissionSpec(max, size, timeout);
    }

    /** From the file's {@code loadBalancer} map: its {@code server} and {@code queue} entries. */
    static AdmissionSpec fromTree(ConfigNode.MapNode loadBalancer) {
        Map<String, String> flat = new java.util.TreeMap<>();
        for (String part : new String[] {"server", "queue"}) {
            ConfigNode node = loadBalancer.get(part);
            if (node == null) {
                continue;
            }
            ConfigNode.MapNode m = Values.map(node, "loadBalancer." + part);
            for (ConfigNode.Entry e : m.entries().values()) {
                String key = part + "." + e.key().toLowerCase(Locale.ROOT);
                if (!KEYS.contains(key)) {
                    throw new ConfigException(e.value().origin(), "unknown key '" + e.key() + "' in loadBalancer." + part
                            + " (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
                }
                flat.put(key, Values.string(e.value(), "loadBalancer." + part + "." + e.key()));
            }
        }
        try {
            return fromFlat(flat);
        } catch (IllegalArgumentException e) {
            ConfigNode at = loadBalancer.get("queue") != null ? loadBalancer.get("queue") : loadBalancer.get("server");
            throw e instanceof ConfigException ? e : new ConfigException(at.origin(), e.getMessage());
        }
    }

    private static int integer(String what, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("loadBalancer." + what + " must be an integer, got '" + v + "'");
        }
    }
}
