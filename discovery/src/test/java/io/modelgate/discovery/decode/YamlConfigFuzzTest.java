package io.modelgate.discovery.decode;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The file provider's decoding under Jazzer: any document is either decoded (with problems for bad elements) or
 * refused with a {@link ConfigException} or SnakeYAML's {@link YAMLException}, both of which name a position;
 * never another exception, a stack overflow or unbounded work (aliases that refer to themselves, alias bombs).
 */
class YamlConfigFuzzTest {

    @FuzzTest(maxDuration = "15m", maxExecutions = 3_000_000)
    void decode(byte[] input) {
        String document = new String(input, java.nio.charset.StandardCharsets.UTF_8);
        ConfigNode root;
        try {
            root = YamlTree.parse(document, "routes.yml");
        } catch (YAMLException | ConfigException refused) {
            return;
        }
        try {
            HttpConfigDecoder.decode(root, "file");
        } catch (ConfigException refused) {
            // a whole-document error (the top level is not a map): named, as the provider reports it
        }
    }
}
