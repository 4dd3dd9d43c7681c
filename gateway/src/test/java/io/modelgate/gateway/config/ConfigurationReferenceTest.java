package io.modelgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.DocTables;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * docs/configuration.md against {@link ModelgateProperties}: every property the gateway binds has a row (entry
 * points' rows name {@code web} or {@code <name>}; the Docker provider's are in docs/docker.md's table, the access
 * log's options are {@link AccessLogReferenceTest}'s),
 * every row names a property that exists, and every default the code gives is the one the row says.
 */
class ConfigurationReferenceTest {

    private static final Path DOC = Path.of("../docs/configuration.md");
    private static final Path DOCKER_DOC = Path.of("../docs/docker.md"); // the Docker provider's own table

    /** Property → default ({@code null} where the code has none), walking nested records; map keys are {@code <>}. */
    static Map<String, String> keys(Class<?> record, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : record.getRecordComponents()) {
            String key = prefix + c.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            DefaultValue d = c.getAnnotation(DefaultValue.class);
            if (c.getType().isRecord()) {
                out.putAll(keys(c.getType(), key + "."));
            } else if (Map.class.isAssignableFrom(c.getType())
                    && ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[1] instanceof Class<?> v && v.isRecord()) {
                out.putAll(keys(v, key + ".<>."));
            } else if (List.class.isAssignableFrom(c.getType()) && elementIsRecord(c.getGenericType())) {
                out.put(key, null); // a list of records is one row ("… entries with main and sans")
            } else {
                out.put(key, d == null || d.value().length == 0 ? null : String.join(",", d.value()));
            }
        }
        return out;
    }

    private static boolean elementIsRecord(Type t) {
        return t instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e && e.isRecord();
    }

    /** The doc's rows, entry-point names made {@code <>}; a row naming several properties counts for each. */
    static Map<String, String> documented() throws IOException {
        Map<String, String> doc = new LinkedHashMap<>();
        DocTables.rows(DOC, "## Properties").forEach((name, def) -> {
            String k = name.replaceFirst("^modelgate\\.entrypoints\\.(web|<name>)\\.", "modelgate.entrypoints.<>.");
            doc.put(k, def);
        });
        DocTables.rows(DOCKER_DOC, "## Turning it on").forEach((name, def) -> {
            if (name.startsWith("modelgate.providers.docker.")) {
                doc.put(name, def);
            }
        });
        return doc;
    }

    @Test
    void everyPropertyHasARowWithItsDefault() throws IOException {
        Map<String, String> code = keys(ModelgateProperties.class, "modelgate.");
        code.keySet().removeIf(k -> k.startsWith("modelgate.access-log.")); // docs/access-log.md, AccessLogReferenceTest
        Map<String, String> doc = documented();
        List<String> missing = new ArrayList<>();
        List<String> wrongDefault = new ArrayList<>();
        code.forEach((key, def) -> {
            String row = doc.get(key);
            if (row == null) {
                missing.add(key);
            } else if (def != null && !def.isEmpty() && !row.contains("`" + def + "`")) {
                wrongDefault.add(key + ": code " + def + ", doc " + row);
            }
        });
        assertThat(missing).as("properties without a row in %s", DOC).isEmpty();
        assertThat(wrongDefault).as("defaults that differ").isEmpty();
    }

    @Test
    void everyRowNamesAProperty() throws IOException {
        Map<String, String> code = keys(ModelgateProperties.class, "modelgate.");
        List<String> unknown = documented().keySet().stream()
                .filter(k -> !k.startsWith("modelgate.access-log.") && !k.endsWith(".*") && !code.containsKey(k))
                .filter(k -> !OTHER_PROPERTY_CLASSES.stream().anyMatch(k::startsWith))
                .toList();
        assertThat(unknown).as("rows naming no property of ModelgateProperties").isEmpty();
    }

    /** docs/entrypoints.md's table names every setting of an entry point (rows may name several). */
    @Test
    void theEntryPointPageListsEverySettingOfAnEntryPoint() throws IOException {
        String doc = java.nio.file.Files.readString(Path.of("../docs/entrypoints.md"));
        int start = doc.indexOf("\n## Settings per entry point\n");
        String section = doc.substring(start, doc.indexOf("\n## ", start + 1));
        java.util.Set<String> named = new java.util.HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([a-z0-9.\\[\\]-]+)`").matcher(section);
        while (m.find()) {
            named.add(m.group(1).replace("[i]", ""));
        }
        List<String> missing = keys(EntrypointProperties.Web.class, "").keySet().stream()
                .filter(k -> named.stream().noneMatch(n -> n.equals(k) || n.startsWith(k + ".")))
                .toList();
        assertThat(missing).as("entry-point settings without a row in docs/entrypoints.md").isEmpty();
    }

    /** docs/acme.md's resolver table against {@link CertificateResolversProperties.Acme}, defaults included. */
    @Test
    void theAcmePageListsEveryResolverOptionWithItsDefault() throws IOException {
        Map<String, String> code = keys(CertificateResolversProperties.Acme.class, "");
        Map<String, String> doc = DocTables.rows(Path.of("../docs/acme.md"), "## Setting it up");
        assertThat(doc.keySet()).containsExactlyInAnyOrderElementsOf(code.keySet());
        code.forEach((key, def) -> {
            if (def != null && !def.isEmpty()) {
                assertThat(doc.get(key)).as("default of %s", key).contains("`" + def + "`");
            }
        });
    }

    /** Properties bound by classes of their own (their pages and tests cover them). */
    private static final List<String> OTHER_PROPERTY_CLASSES = List.of("modelgate.audit.", "modelgate.traefik.",
            "modelgate.certificates-resolvers.");
}
