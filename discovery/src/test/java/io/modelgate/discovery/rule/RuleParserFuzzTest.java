package io.modelgate.discovery.rule;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rule language under Jazzer: any text either parses or is refused with a {@link RuleSyntaxException}
 * that says why, in both syntaxes, and a parsed rule evaluates against requests without throwing. Every test run
 * replays the seed corpus ({@code RuleParserFuzzTestInputs/}); {@code bench/fuzz.sh} fuzzes it.
 */
class RuleParserFuzzTest {

    private static final List<Req> REQUESTS = List.of(
            Req.req(),
            Req.req().host("api.example").path("/api/v1/m1/predict").method("POST").header("X-A", "1").query("q", "x"),
            Req.req().host("[::1]").path("/a%2Fb/../c").header("Content-Type", "application/json"));

    @FuzzTest(maxDuration = "15m", maxExecutions = 3_000_000)
    void parseAndEvaluate(byte[] input) {
        String rule = new String(input, StandardCharsets.UTF_8);
        for (RuleSyntax syntax : RuleSyntax.values()) {
            Rule parsed;
            try {
                parsed = RuleParser.parse(rule, syntax);
            } catch (RuleSyntaxException refused) {
                if (refused.getMessage() == null || refused.getMessage().isBlank()) {
                    throw new AssertionError("a refusal must say why: " + rule);
                }
                continue;
            }
            REQUESTS.forEach(parsed::matches);
        }
    }
}
