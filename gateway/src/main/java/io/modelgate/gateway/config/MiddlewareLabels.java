package io.modelgate.gateway.config;

import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.decode.ConfigException;
import io.modelgate.discovery.decode.ConfigNode;
import io.modelgate.discovery.decode.MiddlewareDecoder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Middleware options written as labels ({@code stripprefix.prefixes=/a,/b}) to a tree, decoded by the same
 * {@link MiddlewareDecoder} as the file provider, so both accept exactly the same options.
 */
final class MiddlewareLabels {

    private MiddlewareLabels() {
    }

    static MiddlewareSpec decode(Map<String, String> options) {
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
            node.put(parts[parts.length - 1], o.getValue());
        }
        try {
            return MiddlewareDecoder.decode(toNode(root));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static ConfigNode toNode(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, ConfigNode.Entry> entries = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) ->
                    entries.put(k.toLowerCase(java.util.Locale.ROOT), new ConfigNode.Entry(k, toNode(v))));
            return new ConfigNode.MapNode(entries, "labels");
        }
        return new ConfigNode.Scalar((String) value, "labels");
    }
}
