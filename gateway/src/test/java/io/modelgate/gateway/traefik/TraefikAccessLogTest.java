package io.modelgate.gateway.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/access-log.md's table of Traefik's field names against {@link TraefikAccessLog}'s mapping, both ways. */
class TraefikAccessLogTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| (`([^`]+)`|–) \\|$", Pattern.MULTILINE);

    @Test
    void theTableIsTheMapping() throws IOException {
        String doc = Files.readString(Path.of("../docs/access-log.md"));
        int start = doc.indexOf("\n### Traefik's field names\n");
        assertThat(start).isPositive();
        Matcher m = ROW.matcher(doc.substring(start, doc.indexOf("\n#", start + 1)));
        Map<String, String> rows = new LinkedHashMap<>();
        while (m.find()) {
            rows.put(m.group(1).toLowerCase(Locale.ROOT), m.group(3) == null ? "–" : m.group(3));
        }
        Map<String, String> code = new LinkedHashMap<>();
        TraefikAccessLog.FIELDS.forEach((k, f) -> code.put(k, f.json));
        TraefikAccessLog.NOT_WRITTEN.forEach(k -> code.put(k, "–"));
        assertThat(rows).containsExactlyInAnyOrderEntriesOf(code);
    }
}
