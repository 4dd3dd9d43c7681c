package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Traefik's constraint expressions: evaluation as Traefik does it, and errors with their position. */
class ConstraintsTest {

    private static final Map<String, String> LABELS = Map.of("team", "ml", "env", "production", "tier", "gpu-a100");

    static Stream<Arguments> evaluation() {
        return Stream.of(
                Arguments.of("", true),
                Arguments.of("   ", true),
                Arguments.of("Label(`team`,`ml`)", true),
                Arguments.of("Label(`team`, `web`)", false),
                Arguments.of("Label(`missing`,`ml`)", false),
                Arguments.of("Label(`Team`,`ml`)", false),
                Arguments.of("Label(\"team\",\"ml\")", true),
                Arguments.of("LabelRegex(`tier`,`gpu-.*`)", true),
                Arguments.of("LabelRegex(`tier`,`^cpu`)", false),
                // Go's regexp.MatchString finds a match anywhere unless the expression is anchored
                Arguments.of("LabelRegex(`env`,`prod`)", true),
                Arguments.of("LabelRegex(`env`,`^prod$`)", false),
                // Traefik reads a missing label as the empty string
                Arguments.of("LabelRegex(`missing`,`^$`)", true),
                Arguments.of("LabelRegex(`missing`,`.+`)", false),
                Arguments.of("!Label(`team`,`ml`)", false),
                Arguments.of("!!Label(`team`,`ml`)", true),
                Arguments.of("Label(`team`,`ml`) && Label(`env`,`production`)", true),
                Arguments.of("Label(`team`,`ml`) && Label(`env`,`dev`)", false),
                Arguments.of("Label(`team`,`web`) || Label(`env`,`production`)", true),
                Arguments.of("Label(`team`,`web`) || Label(`env`,`dev`)", false),
                // && binds tighter than ||
                Arguments.of("Label(`team`,`ml`) || Label(`env`,`dev`) && Label(`team`,`web`)", true),
                Arguments.of("(Label(`team`,`ml`) || Label(`env`,`dev`)) && Label(`team`,`web`)", false),
                Arguments.of("!(Label(`team`,`web`) || Label(`env`,`dev`))", true),
                Arguments.of(" ( Label( `team` , `ml` ) ) ", true));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource
    void evaluation(String expression, boolean expected) {
        assertThat(Constraints.parse(expression).test(LABELS)).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("Label(`a`,`b`) &&", "position 17", "expected Label or LabelRegex"),
                Arguments.of("Label(`a`)", "position 0", "2 arguments"),
                Arguments.of("Label(`a`,`b`,`c`)", "position 0", "2 arguments"),
                Arguments.of("Tag(`a`,`b`)", "position 0", "unknown matcher 'Tag'"),
                Arguments.of("LabelRegex(`a`,`[`)", "position 11", "bad regexp"),
                Arguments.of("(Label(`a`,`b`)", "position 15", "expected ')'"),
                Arguments.of("Label(`a`,`b`) Label(`c`,`d`)", "position 15", "unexpected 'L'"),
                Arguments.of("Label(`a`,`b)", "position 10", "unterminated string"),
                Arguments.of("Label(a,b)", "position 6", "expected a quoted string"),
                Arguments.of("Label(`a` `b`)", "position 10", "expected ')'"),
                Arguments.of("Label(`a`,`b`) & Label(`c`,`d`)", "position 15", "unexpected '&'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void errors(String expression, String position, String message) {
        assertThatThrownBy(() -> Constraints.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("constraints: ")
                .hasMessageContaining(position)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Label(`a`,`b`)", "!LabelRegex(`a`,`b.*`)"})
    void toStringIsTheExpression(String expression) {
        assertThat(Constraints.parse(expression)).hasToString(expression);
    }
}
