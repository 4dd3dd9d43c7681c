package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.decode.ConfigException;
import io.modelgate.discovery.decode.ConfigNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Labels become the tree a YAML file becomes, with Traefik's label conventions and origins that name the label. */
class LabelTreeTest {

    private static ConfigNode.MapNode tree(Map<String, String> labels) {
        return LabelTree.of(LabelFixtures.options("middlewares", labels), "container web");
    }

    @Test
    void dottedKeysBecomeNestedMapsOfScalarsThatNameTheirLabel() {
        ConfigNode.MapNode strip = (ConfigNode.MapNode) tree(Map.of("stripprefix.prefixes", "/a,/b",
                "stripprefix.forceslash", "true")).get("stripPrefix");
        assertThat(strip.entries().values()).extracting(ConfigNode.Entry::key).containsExactly("forceslash", "prefixes");
        assertThat(strip.get("prefixes")).isEqualTo(new ConfigNode.Scalar("/a,/b",
                "container web, label traefik.http.middlewares.x.stripprefix.prefixes"));
        assertThat(strip.origin()).as("a map is where its first label is").isEqualTo(
                "container web, label traefik.http.middlewares.x.stripprefix.forceslash");
    }

    @Test
    void indexedKeysBecomeListItemsInIndexOrder() {
        ConfigNode.MapNode tls = (ConfigNode.MapNode) tree(Map.of("tls.domains[1].main", "b.example",
                "tls.domains[0].main", "a.example", "tls.domains[0].sans", "x.a.example,y.a.example")).get("tls");
        ConfigNode.ListNode domains = (ConfigNode.ListNode) tls.get("domains");
        assertThat(domains.items()).hasSize(2);
        assertThat(((ConfigNode.MapNode) domains.items().get(0)).get("main")).extracting(n -> ((ConfigNode.Scalar) n).value())
                .isEqualTo("a.example");
        assertThat(((ConfigNode.MapNode) domains.items().get(1)).get("main")).extracting(n -> ((ConfigNode.Scalar) n).value())
                .isEqualTo("b.example");
    }

    @Test
    void trueMayStandBesideTheKeysBelowItAndAnythingElseContradictsThem() {
        ConfigNode tls = tree(Map.of("tls", "true", "tls.certresolver", "le")).get("tls");
        assertThat(tls).isInstanceOf(ConfigNode.MapNode.class);
        assertThat(((ConfigNode.MapNode) tls).entries()).containsOnlyKeys("certresolver");
        assertThat(tree(Map.of("tls", "false")).get("tls")).isInstanceOf(ConfigNode.Scalar.class);
        assertThatThrownBy(() -> tree(Map.of("tls", "false", "tls.certresolver", "le")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'false' contradicts the labels below it: set it to true or remove it")
                .extracting(e -> ((ConfigException) e).origin()).isEqualTo("container web, label traefik.http.middlewares.x.tls");
        assertThatThrownBy(() -> tree(Map.of("headers", "x", "headers.customrequestheaders.a", "b")))
                .hasMessageContaining("'x' contradicts the labels below it");
    }

    @Test
    void aListAndAMapInOnePlaceAreRefused() {
        assertThatThrownBy(() -> tree(Map.of("tls.domains[0].main", "a", "tls.domains.main", "b")))
                .isInstanceOf(ConfigException.class).hasMessage("labels set both a list and a map here");
    }
}
