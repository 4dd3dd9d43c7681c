package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/labels.md against the decoder: same keys both ways, and every documented key is understood. */
class LabelReferenceTest {

    private static final Path DOC = Path.of("../docs/labels.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    static List<String> documentedKeys() throws IOException {
        Matcher m = ROW.matcher(Files.readString(DOC));
        List<String> keys = new java.util.ArrayList<>();
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    @Test
    void theReferenceListsExactlyTheKeysTheDecoderKnows() throws IOException {
        assertThat(documentedKeys()).containsExactlyInAnyOrderElementsOf(LabelKeys.reference());
    }

    @Test
    void everyDocumentedKeyIsUnderstood() throws IOException {
        for (String key : documentedKeys()) {
            String concrete = key.replace("<p>", "traefik").replace("<r>", "r1").replace("<s>", "s1")
                    .replace("<m>", "m1").replace("<name>", "X-A").replace(".*", ".enabled");
            Map<String, String> labels = new HashMap<>();
            labels.put("traefik.http.routers.r1.rule", "Path(`/x`)");
            labels.put(concrete, valueFor(concrete));
            Workload w = new Workload("c1", "id1", false, labels, List.of(new Workload.Instance("id1",
                    Map.of("net", "10.0.0.2"), Workload.Health.NONE)), Set.of(8000), Map.of());
            LabelDecoder decoder = new LabelDecoder(LabelSettings.defaults());
            ProviderSnapshot s = decoder.decode(List.of(w));
            assertThat(s.problems()).as("problems for %s", concrete).extracting(Problem::message)
                    .noneMatch(m -> m.contains("unknown key") || m.contains("unknown middleware"));
        }
    }

    private static String valueFor(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        return switch (last) {
            case "enable", "passhostheader", "forceslash", "lbswarm", "enabled" -> "true";
            case "port" -> "8000";
            case "priority" -> "5";
            case "scheme" -> "http";
            case "network" -> "net";
            case "entrypoints" -> "web";
            case "service" -> "s1";
            case "rule" -> "Path(`/x`)";
            case "model" -> "m";
            default -> "/x";
        };
    }
}
