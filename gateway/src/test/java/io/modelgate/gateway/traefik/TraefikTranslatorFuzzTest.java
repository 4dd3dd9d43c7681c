package io.modelgate.gateway.traefik;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Traefik static-configuration reader and translator under Jazzer: whatever an operator's {@code command:},
 * {@code TRAEFIK_*} variables or {@code traefik.yml}/{@code traefik.toml} hold, reading and translating end in
 * properties, notices and errors (the start-up stops with a line), never in an exception or a stack overflow,
 * and never set a property outside modelgate's and logging's namespaces and {@code server.address} (the admin
 * port's address, from {@code entrypoints.traefik.address}): an operator's flag must not reach arbitrary Spring
 * settings through the translation.
 *
 * <p>The input's first line chooses the source ({@code flags}, {@code env}, {@code yaml}, {@code toml}); the rest
 * is one argument or one {@code NAME=value} per line, or the file's text. Seeds are real Traefik stacks' static
 * configurations, so the fuzzer starts inside the schema.
 */
class TraefikTranslatorFuzzTest {

    @FuzzTest(maxDuration = "15m", maxExecutions = 3_000_000)
    void translate(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String mode = nl < 0 ? text : text.substring(0, nl);
        String body = nl < 0 ? "" : text.substring(nl + 1);
        TraefikSources.Read read = switch (mode) {
            case "env" -> TraefikSources.read(new String[0], variables(body), p -> null);
            case "yaml" -> TraefikSources.read(new String[] {"--configFile=/fuzz/traefik.yml"}, Map.of(), p -> body);
            case "toml" -> TraefikSources.read(new String[] {"--configFile=/fuzz/traefik.toml"}, Map.of(), p -> body);
            default -> TraefikSources.read(body.split("\n"), Map.of(), p -> null);
        };
        if (read.options() == null || read.errors() == null || read.ignored() == null || read.springArgs() == null) {
            throw new AssertionError("an incomplete read: " + read);
        }
        TraefikTranslation t = TraefikTranslator.translate(read.source(), read.options());
        t.properties().forEach((k, v) -> {
            if (!(k.startsWith("modelgate.") || k.startsWith("logging.") || k.equals("server.address")) || v == null) {
                throw new AssertionError("a property outside modelgate's settings: " + k + "=" + v);
            }
        });
        t.notices().forEach(n -> {
            if (n.message() == null || n.key() == null) {
                throw new AssertionError("a notice without a message: " + n);
            }
        });
        t.errors().forEach(e -> {
            if (e == null || e.isBlank()) {
                throw new AssertionError("an empty error line");
            }
        });
    }

    private static Map<String, String> variables(String body) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            env.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
        }
        return env;
    }
}
