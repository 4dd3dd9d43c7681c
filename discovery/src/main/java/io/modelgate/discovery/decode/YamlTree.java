package io.modelgate.discovery.decode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * YAML text to a {@link ConfigNode} tree whose origins are {@code file:line}. Uses SnakeYAML's node
 * composer (no object construction, so no arbitrary types) with duplicate keys refused.
 */
public final class YamlTree {

    /**
     * @param text     the document
     * @param fileName shown in origins ({@code routes.yml})
     * @return the root, or null for an empty document
     * @throws org.yaml.snakeyaml.error.YAMLException (a MarkedYAMLException with the position) if it is not YAML
     */
    public static ConfigNode parse(String text, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        Node root = new Yaml(options).compose(new StringReader(text));
        return root == null ? null : new YamlTree(fileName).convert(root, 0);
    }

    /** Deeper than any configuration is: an alias that contains itself ({@code a: &x [*x]}) ends here, not in a stack overflow. */
    static final int MAX_DEPTH = 64;
    /** Nodes after alias expansion: a handful of aliases nested a few levels deep must not expand to millions. */
    static final int MAX_NODES = 100_000;

    private final String file;
    private int nodes;

    private YamlTree(String file) {
        this.file = file;
    }

    private ConfigNode convert(Node node, int depth) {
        String origin = file + ":" + (node.getStartMark().getLine() + 1);
        if (depth > MAX_DEPTH) {
            throw new ConfigException(origin, "nested deeper than " + MAX_DEPTH + " levels (an alias that refers to itself?)");
        }
        if (++nodes > MAX_NODES) {
            throw new ConfigException(origin, "more than " + MAX_NODES + " elements once aliases are expanded");
        }
        return switch (node) {
            case MappingNode m -> {
                Map<String, ConfigNode.Entry> entries = ConfigNode.entries();
                for (NodeTuple t : m.getValue()) {
                    String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(t.getKeyNode());
                    String lower = key.toLowerCase(Locale.ROOT);
                    if (entries.containsKey(lower)) {
                        throw new ConfigException(file + ":" + (t.getKeyNode().getStartMark().getLine() + 1),
                                "duplicate key '" + key + "' (keys are case-insensitive)");
                    }
                    // the key's line is where an operator looks for the element
                    ConfigNode value = convert(t.getValueNode(), depth + 1);
                    entries.put(lower, new ConfigNode.Entry(key, withOrigin(value,
                            file + ":" + (t.getKeyNode().getStartMark().getLine() + 1))));
                }
                yield new ConfigNode.MapNode(entries, origin);
            }
            case SequenceNode s -> {
                List<ConfigNode> items = new ArrayList<>();
                s.getValue().forEach(item -> items.add(convert(item, depth + 1)));
                yield new ConfigNode.ListNode(items, origin);
            }
            case ScalarNode s -> new ConfigNode.Scalar(
                    s.getTag().getValue().endsWith(":null") ? null : s.getValue(), origin);
            default -> throw new ConfigException(origin, "unsupported YAML node " + node.getNodeId());
        };
    }

    private static ConfigNode withOrigin(ConfigNode node, String origin) {
        return switch (node) {
            case ConfigNode.MapNode m -> new ConfigNode.MapNode(m.entries(), origin);
            case ConfigNode.ListNode l -> new ConfigNode.ListNode(l.items(), origin);
            case ConfigNode.Scalar s -> new ConfigNode.Scalar(s.value(), origin);
        };
    }
}
