package io.modelgate.gateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the reference tables of {@code docs/} pages, so that tests can hold a page's list of keys against the
 * code: the rows whose first cell is a {@code `code`} name, under one heading.
 */
public final class DocTables {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    private DocTables() {
    }

    /**
     * First cell → second cell (trimmed) of the table rows between the heading line {@code heading} (e.g.
     * {@code "## Options"}) and the next heading of any level; a name listed twice fails the test.
     */
    public static Map<String, String> rows(Path page, String heading) throws IOException {
        String doc = Files.readString(page);
        int start = doc.indexOf("\n" + heading + "\n");
        assertThat(start).as("section %s in %s", heading, page).isPositive();
        int end = doc.indexOf("\n#", start + 1);
        Matcher m = ROW.matcher(doc.substring(start, end < 0 ? doc.length() : end));
        Map<String, String> rows = new LinkedHashMap<>();
        while (m.find()) {
            assertThat(rows.put(m.group(1), m.group(2).trim())).as("listed twice: %s", m.group(1)).isNull();
        }
        return rows;
    }
}
