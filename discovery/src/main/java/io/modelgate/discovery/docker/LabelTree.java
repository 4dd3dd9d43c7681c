package io.modelgate.discovery.docker;

import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.decode.ConfigException;
import io.modelgate.discovery.decode.ConfigNode;
import io.modelgate.discovery.decode.MiddlewareDecoder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Dotted label keys ({@code stripprefix.prefixes=/a,/b}) to the {@link ConfigNode} tree the file provider's YAML
 * becomes, so the decoders of the {@code decode} package read labels and files alike and both accept exactly the
 * same options. Every value is a scalar (labels have no lists: decoders that take a list also take a
 * comma-separated value).
 */
public final class LabelTree {

    private LabelTree() {
    }

    /**
     * @param options keys below the element (lower case, dotted) and their values
     * @param origin  where the labels were written, for problems
     * @throws IllegalArgumentException if a key sets a value where another key needs a map ({@code a=1}, {@code a.b=2})
     */
    public static ConfigNode.MapNode of(Map<String, String> options, String origin) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, String> o : options.entrySet()) {
            String[] parts = o.getKey().split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                Object child = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
                if (!(child instanceof Map)) {
                    throw new IllegalArgumentException("label key '" + o.getKey() + "' conflicts with a value set above it");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> next = (Map<String, Object>) child;
                node = next;
            }
            if (node.get(parts[parts.length - 1]) instanceof Map) {
                throw new IllegalArgumentException("label key '" + o.getKey() + "' conflicts with keys set below it");
            }
            node.put(parts[parts.length - 1], o.getValue());
        }
        return (ConfigNode.MapNode) toNode(root, origin);
    }

    /**
     * One middleware from its labels, by the file provider's {@link MiddlewareDecoder}.
     *
     * @throws IllegalArgumentException with the decoder's message if the options are invalid
     */
    public static MiddlewareSpec middleware(Map<String, String> options) {
        try {
            return MiddlewareDecoder.decode(of(options, "labels"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ConfigNode toNode(Object value, String origin) {
        if (value instanceof Map<?, ?> map) {
            Map<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) ->
                    entries.put(k.toLowerCase(Locale.ROOT), new ConfigNode.Entry(k, toNode(v, origin))));
            return new ConfigNode.MapNode(entries, origin);
        }
        return new ConfigNode.Scalar((String) value, origin);
    }
}
