package io.modelgate.discovery.docker;

import io.modelgate.discovery.decode.ConfigException;
import io.modelgate.discovery.decode.ConfigNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dotted label keys ({@code loadbalancer.healthcheck.path=/health}) to the {@link ConfigNode} tree the file
 * provider's YAML becomes, so one set of decoders reads labels and files alike and both accept exactly the same
 * options. Each node's origin names the workload and the label that set it, so a problem points at the label to
 * fix. Traefik's label conventions carry over:
 * <ul>
 *   <li>{@code name[n]} is item n of a list ({@code tls.domains[0].main});</li>
 *   <li>a key set to {@code true} may also have keys below it ({@code tls=true} with {@code tls.certresolver=le}):
 *       the value only switches on what the keys below configure; any other value there is a contradiction;</li>
 *   <li>every other value is a scalar: decoders that take a list also take a comma-separated value.</li>
 * </ul>
 */
final class LabelTree {

    private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d{1,4})]");

    private LabelTree() {
    }

    /**
     * @param labels keys below the element (lower case, dotted) and their labels
     * @param where  the workload, for origins ({@code container web})
     * @throws ConfigException if two labels contradict each other ({@code a=1} and {@code a.b=2})
     */
    static ConfigNode.MapNode of(Map<String, LabelView.Entry> labels, String where) {
        Node root = new Node();
        for (Map.Entry<String, LabelView.Entry> l : new TreeMap<>(labels).entrySet()) {
            String origin = where + ", label " + l.getValue().originalKey();
            Node node = root;
            for (String part : written(l.getKey(), l.getValue().originalKey()).split("\\.", -1)) {
                node = node.child(part, origin);
            }
            node.value = l.getValue().value();
            node.valueOrigin = origin;
        }
        return root.children.isEmpty() ? new ConfigNode.MapNode(Map.of(), where) : (ConfigNode.MapNode) root.toConfig(where);
    }

    /**
     * The option as the label spells it: keys match case-insensitively, but a map's keys (header names in
     * {@code customrequestheaders.X-Model}) keep the case they were written in, as in a file.
     */
    private static String written(String option, String originalKey) {
        String tail = originalKey.length() >= option.length() ? originalKey.substring(originalKey.length() - option.length()) : "";
        return tail.equalsIgnoreCase(option) ? tail : option;
    }

    /** A node being built: a value, named children, indexed items, or a {@code true} with children. */
    private static final class Node {
        String value;
        String valueOrigin;
        String origin;
        String spelling;
        final Map<String, Node> children = new LinkedHashMap<>();
        final TreeMap<Integer, Node> items = new TreeMap<>();

        Node child(String part, String origin) {
            Matcher m = INDEXED.matcher(part);
            Node next;
            if (m.matches()) {
                Node list = named(m.group(1));
                list.origin = list.origin == null ? origin : list.origin;
                next = list.items.computeIfAbsent(Integer.parseInt(m.group(2)), k -> new Node());
            } else {
                next = named(part);
            }
            next.origin = next.origin == null ? origin : next.origin;
            return next;
        }

        /** Children are one whatever the case of their labels; the first label's spelling names it. */
        private Node named(String part) {
            String lower = part.toLowerCase(Locale.ROOT);
            Node n = children.computeIfAbsent(lower, k -> new Node());
            n.spelling = n.spelling == null ? part : n.spelling;
            return n;
        }

        ConfigNode toConfig(String fallbackOrigin) {
            String at = origin != null ? origin : fallbackOrigin;
            boolean nested = !children.isEmpty() || !items.isEmpty();
            if (!nested) {
                return new ConfigNode.Scalar(value, valueOrigin != null ? valueOrigin : at);
            }
            if (value != null && !value.trim().equalsIgnoreCase("true")) {
                throw new ConfigException(valueOrigin, "'" + value + "' contradicts the labels below it: set it to true or remove it");
            }
            if (!children.isEmpty() && !items.isEmpty()) {
                throw new ConfigException(at, "labels set both a list and a map here");
            }
            if (!items.isEmpty()) {
                List<ConfigNode> list = new ArrayList<>();
                items.values().forEach(i -> list.add(i.toConfig(at)));
                return new ConfigNode.ListNode(list, at);
            }
            Map<String, ConfigNode.Entry> entries = ConfigNode.entries();
            children.forEach((k, v) -> entries.put(k, new ConfigNode.Entry(v.spelling, v.toConfig(at))));
            return new ConfigNode.MapNode(entries, at);
        }
    }
}
