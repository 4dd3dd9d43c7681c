package io.modelgate.gateway.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/migrating-from-traefik.md's static options table against the translator's table, both ways. */
class MigrationGuideTest {

    private static final Path DOC = Path.of("../docs/migrating-from-traefik.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    /** Option → answer, from the "Static options" section only. */
    static Map<String, String> documented() throws IOException {
        String doc = Files.readString(DOC);
        int start = doc.indexOf("## Static options");
        int end = doc.indexOf("\n## ", start + 1);
        Matcher m = ROW.matcher(doc.substring(start, end < 0 ? doc.length() : end));
        Map<String, String> rows = new LinkedHashMap<>();
        while (m.find()) {
            assertThat(rows.put(m.group(1), m.group(2).trim())).as("listed twice: %s", m.group(1)).isNull();
        }
        return rows;
    }

    @Test
    void theGuideListsEveryOptionWithTheTranslatorsAnswer() throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        TraefikOptions.ALL.forEach(o -> known.put(o.pattern(), o.support().label));
        assertThat(documented()).containsExactlyInAnyOrderEntriesOf(known);
    }

    @Test
    void everyRefusalAndDifferenceSaysWhy() {
        assertThat(TraefikOptions.ALL).filteredOn(o -> o.support() != TraefikOption.Support.SUPPORTED)
                .allSatisfy(o -> assertThat(o.note()).as(o.pattern()).isNotBlank());
    }
}
