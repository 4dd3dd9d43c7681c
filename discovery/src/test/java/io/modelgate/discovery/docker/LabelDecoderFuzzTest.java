package io.modelgate.discovery.docker;


import com.code_intelligence.jazzer.junit.FuzzTest;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.rule.Rule;
import io.modelgate.discovery.rule.RuleParser;
import io.modelgate.discovery.rule.RuleSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The label decoder under Jazzer: whatever labels a container carries ({@code key=value} per line of the input),
 * decoding fails soft (problems in the snapshot, never an exception), as one bad container must not take the
 * others' routes down. The seeds are real label sets, so the fuzzer starts inside the schema.
 *
 * <p>The default rule reads two labels, one into a {@code `…`} and one into a {@code "…"} string, so fuzzed
 * values flow through the template: the implicit router's rule, when it parses, must still be the template's
 * two {@code Host} matchers — a value must never add syntax of its own (seed {@code default-rule-breakout}).
 */
class LabelDecoderFuzzTest {

    private static final String TEMPLATE =
            "Host(`{{ index .Labels \"app.domain\" }}`) || Host(\"{{ index .Labels \"app.alias\" }}\")";

    @FuzzTest(maxDuration = "15m", maxExecutions = 3_000_000)
    void decode(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        LabelFixtures.Part labels = d -> {
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                d.labels.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
            }
        };
        Workload w = LabelFixtures.workload(LabelFixtures.name("fuzz"), labels, LabelFixtures.network("ml", "10.0.0.5"),
                LabelFixtures.port(8000));
        ProviderSnapshot snapshot = new LabelDecoder(LabelFixtures.settings(LabelFixtures.defaultRule(TEMPLATE)))
                .decode(List.of(w));
        if (snapshot == null || snapshot.config() == null) {
            throw new AssertionError("no snapshot");
        }
        RouterSpec implicit = snapshot.config().routers().get("fuzz");
        if (implicit != null && !text.toLowerCase(Locale.ROOT).contains("routers")) {
            checkTemplateShape(implicit.rule());
        }
    }

    private static void checkTemplateShape(String rule) {
        Rule parsed;
        try {
            parsed = RuleParser.parse(rule);
        } catch (RuleSyntaxException e) {
            return; // refused later, when the router is compiled: fails closed
        }
        if (!(parsed instanceof Rule.Or(Rule.Host a, Rule.Host b)) || a.hosts().size() != 1 || b.hosts().size() != 1) {
            throw new AssertionError("a label value changed the default rule's shape: " + rule);
        }
    }
}
