package io.modelgate.discovery.decode;

import io.modelgate.discovery.decode.ConfigNode.ListNode;
import io.modelgate.discovery.decode.ConfigNode.MapNode;
import io.modelgate.discovery.decode.ConfigNode.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads of config nodes; each failure is a {@link ConfigException} saying what was expected where. */
final class Values {

    private Values() {
    }

    static MapNode map(ConfigNode node, String what) {
        if (node instanceof MapNode m) {
            return m;
        }
        throw new ConfigException(node.origin(), what + " must be a map, not " + node.kind());
    }

    static String string(ConfigNode node, String what) {
        if (node instanceof Scalar s && s.value() != null) {
            return s.value();
        }
        throw new ConfigException(node.origin(), what + " must be a value, not " + node.kind());
    }

    static int integer(ConfigNode node, String what) {
        String v = string(node, what).trim();
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(node.origin(), what + " must be an integer, got '" + v + "'");
        }
    }

    /** A server's or a weighted service's share: 1 when not given, else a non-negative integer (0: none). */
    static int weight(ConfigNode node, String what) {
        if (node == null) {
            return 1;
        }
        int w = integer(node, what);
        if (w < 0) {
            throw new ConfigException(node.origin(), what + " must be a non-negative integer, got " + w);
        }
        return w;
    }

    static boolean bool(ConfigNode node, String what) {
        String v = string(node, what).trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ConfigException(node.origin(), what + " must be true or false, got '" + v + "'");
    }

    /** A YAML list of values, or (as in labels) one comma-separated value. */
    static List<String> strings(ConfigNode node, String what) {
        if (node instanceof ListNode l) {
            List<String> out = new ArrayList<>();
            for (ConfigNode item : l.items()) {
                out.add(string(item, what + " item"));
            }
            return out;
        }
        if (node instanceof Scalar s && s.value() != null) {
            return Arrays.stream(s.value().split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
        }
        throw new ConfigException(node.origin(), what + " must be a list, not " + node.kind());
    }

    /** A map of values (header names to values). */
    static Map<String, String> stringMap(ConfigNode node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigNode.Entry e : map(node, what).entries().values()) {
            ConfigNode v = e.value();
            out.put(e.key(), v instanceof Scalar s && s.value() == null ? "" : string(v, what + "." + e.key()));
        }
        return out;
    }

    /** Fails on the first key not in {@code known} (canonical spelling; compared case-insensitively). */
    static void onlyKeys(MapNode m, Set<String> known, String what) {
        for (var e : m.entries().entrySet()) {
            if (known.stream().noneMatch(k -> k.equalsIgnoreCase(e.getKey()))) {
                throw new ConfigException(e.getValue().value().origin(), "unknown key '" + e.getValue().key() + "' in " + what
                        + " (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }
}
