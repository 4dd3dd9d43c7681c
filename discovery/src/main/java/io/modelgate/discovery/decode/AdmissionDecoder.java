package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.AdmissionSpec;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A load balancer's admission options — {@code server.maxInFlight}, {@code queue.size}, {@code queue.timeout} —
 * from its tree, a file's ({@code loadBalancer: {server: {maxInFlight: 1}, queue: {size: 4, timeout: 30s}}}) or a
 * workload's labels ({@code …loadbalancer.server.maxinflight=1}) alike.
 */
public final class AdmissionDecoder {

    /** The keys, relative to {@code loadBalancer}, lower case. */
    public static final Set<String> KEYS = Set.of("server.maxinflight", "queue.size", "queue.timeout");

    private AdmissionDecoder() {
    }

    /**
     * @param options some of {@link #KEYS}; empty for none
     * @return the admission control, or null when none is configured
     * @throws IllegalArgumentException with an operator-readable message
     */
    static AdmissionSpec fromFlat(Map<String, String> options) {
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

    /**
     * From a load balancer's tree (a file's or a workload's labels): {@code server.maxInFlight} and {@code queue}.
     * The other keys of {@code server} are the caller's ({@link ServiceDecoder}).
     */
    static AdmissionSpec fromTree(ConfigNode.MapNode loadBalancer) {
        Map<String, String> flat = new java.util.TreeMap<>();
        ConfigNode server = loadBalancer.get("server");
        ConfigNode max = server instanceof ConfigNode.MapNode s ? s.get("maxInFlight") : null;
        if (max != null) {
            flat.put("server.maxinflight", Values.string(max, "loadBalancer.server.maxInFlight"));
        }
        ConfigNode queue = loadBalancer.get("queue");
        if (queue != null) {
            ConfigNode.MapNode m = Values.map(queue, "loadBalancer.queue");
            for (ConfigNode.Entry e : m.entries().values()) {
                String key = "queue." + e.key().toLowerCase(Locale.ROOT);
                if (!KEYS.contains(key)) {
                    throw new ConfigException(e.value().origin(), "unknown key '" + e.key() + "' in loadBalancer.queue"
                            + " (known: " + String.join(", ", KEYS.stream().filter(k -> k.startsWith("queue."))
                            .map(k -> k.substring("queue.".length())).sorted().toList()) + ")");
                }
                flat.put(key, Values.string(e.value(), "loadBalancer.queue." + e.key()));
            }
        }
        try {
            return fromFlat(flat);
        } catch (IllegalArgumentException e) {
            ConfigNode at = queue != null ? queue : max;
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
