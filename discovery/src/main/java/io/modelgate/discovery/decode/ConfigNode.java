package io.modelgate.discovery.decode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A configuration tree — from a YAML file or from labels — whose every node knows where it was written
 * ({@code routes.yml:12}, or a container and label). Map keys are looked up case-insensitively, as
 * Traefik's are, but keep their spelling for messages.
 */
public sealed interface ConfigNode {

    /** Where the node was written, for problem reports. */
    String origin();

    /** What kind of node this is, for messages ("a map", "a list", "a value"). */
    String kind();

    /**
     * A map node.
     *
     * @param entries entries by lower-cased key
     * @param origin  where it was written
     */
    record MapNode(Map<String, Entry> entries, String origin) implements ConfigNode {

        public MapNode {
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public ConfigNode get(String key) {
            Entry e = entries.get(key.toLowerCase(Locale.ROOT));
            return e == null ? null : e.value();
        }

        @Override
        public String kind() {
            return "a map";
        }
    }

    /** A key as written and its value. */
    record Entry(String key, ConfigNode value) {
    }

    /**
     * A list node.
     *
     * @param items  the items
     * @param origin where it was written
     */
    record ListNode(List<ConfigNode> items, String origin) implements ConfigNode {

        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /**
     * A scalar; YAML numbers and booleans arrive as their text.
     *
     * @param value  the text ({@code null} for YAML's null)
     * @param origin where it was written
     */
    record Scalar(String value, String origin) implements ConfigNode {

        @Override
        public String kind() {
            return "a value";
        }
    }

    /** A map node builder that keeps first-seen order. */
    static Map<String, Entry> entries() {
        return new LinkedHashMap<>();
    }
}
