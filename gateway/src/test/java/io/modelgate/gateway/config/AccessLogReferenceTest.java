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
import io.modelgate.gateway.testsupport.DocTables;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * docs/access-log.md against the code: its options table lists exactly the keys of {@link AccessLogProperties}
 * (map keys as {@code <…>}) with their defaults, and its field table exactly the fields a line has, in order.
 */
class AccessLogReferenceTest {

    private static final Path DOC = Path.of("../docs/access-log.md");

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

    @Test
    void theOptionsTableListsEveryKeyAndItsDefault() throws IOException {
        Map<String, String> code = keys(AccessLogProperties.class, "modelgate.access-log.");
        Map<String, String> doc = new LinkedHashMap<>();
        DocTables.rows(DOC, "## Options").forEach((k, v) -> doc.put(k.replaceAll("<[^>]+>", "<>"), v));
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
        assertThat(DocTables.rows(DOC, "## Fields").keySet()).containsExactlyElementsOf(fields);
    }

    @Test
    void theOverloadValuesAreTheDocumentedOnes() throws IOException {
        assertThat(DocTables.rows(DOC, "## Options").get("modelgate.access-log.on-overload")).isEqualTo("`drop`");
        String doc = Files.readString(DOC);
        for (var o : io.modelgate.gateway.accesslog.AsyncAccessLog.Overload.values()) {
            assertThat(doc).contains("`on-overload=" + o.name().toLowerCase(java.util.Locale.ROOT) + "`");
        }
    }
}
