package io.modelgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.accesslog.AccessLogFields;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * docs/access-log.md against the code: its options table lists exactly the keys of {@link AccessLogProperties}
 * (map keys as {@code <…>}) with their defaults, and its field table exactly the fields a line has, in order.
 */
class AccessLogReferenceTest {

    private static final Path DOC = Path.of("../docs/access-log.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\|", Pattern.MULTILINE);

    /** Key → default ({@code null} where the record has none), walking nested records; maps are {@code <>}. */
    static Map<String, String> keys(Class<?> record, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            String key = prefix + c.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
            DefaultValue d = c.getAnnotation(DefaultValue.class);
            if (c.getType().isRecord()) {
                out.putAll(keys(c.getType(), key + "."));
            } else if (Map.class.isAssignableFrom(c.getType())) {
                assertThat(((ParameterizedType) c.getGenericType()).getActualTypeArguments()[1]).isEqualTo(String.class);
                out.put(key + ".<>", null);
            } else {
                out.put(key, d == null || d.value().length == 0 ? null : String.join(", ", d.value()));
            }
        }
        return out;
    }

    /** The rows of the first table under the heading {@code ## section} (or {@code ### section}), up to the next heading. */
    static Map<String, String> table(Path page, String heading) throws IOException {
        String doc = Files.readString(page);
        int start = doc.indexOf("\n" + heading + "\n");
        assertThat(start).as("section %s", heading).isPositive();
        int end = doc.indexOf("\n#", start + 1);
        Matcher m = ROW.matcher(doc.substring(start, end < 0 ? doc.length() : end));
        Map<String, String> rows = new LinkedHashMap<>();
        while (m.find()) {
            assertThat(rows.put(m.group(1), m.group(2).trim())).as("listed twice: %s", m.group(1)).isNull();
        }
        return rows;
    }

    @Test
    void theOptionsTableListsEveryKeyAndItsDefault() throws IOException {
        Map<String, String> code = keys(AccessLogProperties.class, "modelgate.access-log.");
        Map<String, String> doc = new LinkedHashMap<>();
        table(DOC, "## Options").forEach((k, v) -> doc.put(k.replaceAll("<[^>]+>", "<>"), v));
        assertThat(doc.keySet()).containsExactlyInAnyOrderElementsOf(code.keySet());
        code.forEach((key, def) -> {
            if (def != null && !def.isEmpty()) {
                assertThat(doc.get(key)).as("default of %s", key).contains("`" + def + "`");
            }
        });
    }

    @Test
    void theFieldTableListsEveryFieldInTheOrderOfTheLine() throws IOException {
        List<String> fields = Arrays.stream(AccessLogFields.Field.values()).map(f -> f.json).toList();
        assertThat(table(DOC, "## Fields").keySet()).containsExactlyElementsOf(fields);
    }

    @Test
    void theOverloadValuesAreTheDocumentedOnes() throws IOException {
        assertThat(table(DOC, "## Options").get("modelgate.access-log.on-overload")).isEqualTo("`drop`");
        String doc = Files.readString(DOC);
        for (var o : io.modelgate.gateway.accesslog.AsyncAccessLog.Overload.values()) {
            assertThat(doc).contains("`on-overload=" + o.name().toLowerCase(java.util.Locale.ROOT) + "`");
        }
    }
}
