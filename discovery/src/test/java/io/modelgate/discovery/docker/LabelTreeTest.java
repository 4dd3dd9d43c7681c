package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.discovery.decode.ConfigNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Labels become the tree the YAML becomes, and the file provider's middleware decoder reads it. */
class LabelTreeTest {

    @Test
    void dottedKeysBecomeNestedMapsOfScalarsWithTheirOrigin() {
        ConfigNode.MapNode root = LabelTree.of(new TreeMap<>(Map.of("stripPrefix.prefixes", "/a,/b", "stripPrefix.forceSlash", "true")),
                "container web");
        ConfigNode.MapNode strip = (ConfigNode.MapNode) root.get("stripprefix");
        assertThat(strip.entries().values()).extracting(ConfigNode.Entry::key).containsExactly("forceSlash", "prefixes");
        assertThat(strip.get("prefixes")).isEqualTo(new ConfigNode.Scalar("/a,/b", "container web"));
    }

    @Test
    void aValueWhereAMapIsNeededIsRefused() {
        assertThatThrownBy(() -> LabelTree.of(new TreeMap<>(Map.of("headers", "x", "headers.customrequestheaders.a", "b")), "c"))
                .hasMessage("label key 'headers.customrequestheaders.a' conflicts with a value set above it");
    }

    @Test
    void middlewaresAreDecodedByTheFileProvidersDecoder() {
        assertThat(LabelTree.middleware(Map.of("stripprefix.prefixes", "/a,/b"))).isEqualTo(new StripPrefixSpec(List.of("/a", "/b")));
        assertThatThrownBy(() -> LabelTree.middleware(Map.of("stripprefix.prefixes", "a")))
                .hasMessage("stripPrefix prefix 'a' must start with '/'");
        assertThatThrownBy(() -> LabelTree.middleware(Map.of("nosuchtype.x", "1")))
                .hasMessage("unknown middleware type 'nosuchtype'");
    }
}
