package io.modelgate.gateway.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import io.modelgate.gateway.testsupport.DocTables;
import org.junit.jupiter.api.Test;

/** docs/migrating-from-traefik.md's static options table against the translator's table, both ways. */
class MigrationGuideTest {

    private static final Path DOC = Path.of("../docs/migrating-from-traefik.md");

    /** Option → answer, from the "Static options" section only. */
    static Map<String, String> documented() throws IOException {
        return DocTables.rows(DOC, "## Static options");
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
