package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code default-rule} template: the Go-template subset Traefik's default rules use. */
class RuleTemplateTest {

    private static final Map<String, String> LABELS = Map.of("app.domain", "example.org", "tier", "gpu");

    static Stream<Arguments> rendering() {
        return Stream.of(
                Arguments.of(LabelSettings.DEFAULT_RULE, "my_app.v2", "Host(`my-app-v2`)"),
                Arguments.of("Host(`{{ .Name }}`)", "my_app.v2", "Host(`my_app.v2`)"),
                Arguments.of("Host(`{{.Name}}`)", "web", "Host(`web`)"),
                Arguments.of("Host(`{{ normalize .Name }}.example.com`)", "my app", "Host(`my-app.example.com`)"),
                Arguments.of("Host(`{{ index .Labels \"app.domain\" }}`)", "web", "Host(`example.org`)"),
                Arguments.of("Host(`{{ index .Labels \"missing\" }}`)", "web", "Host(``)"),
                Arguments.of("Host(`{{ .Name }}.{{ index .Labels \"tier\" }}.local`) && PathPrefix(`/{{ .Name }}`)", "llm",
                        "Host(`llm.gpu.local`) && PathPrefix(`/llm`)"),
                Arguments.of("PathPrefix(`/static`)", "web", "PathPrefix(`/static`)"),
                Arguments.of("", "web", ""));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource
    void rendering(String template, String name, String expected) {
        assertThat(RuleTemplate.parse(template).render(name, LABELS)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Host(`{{ .Labels.x }}`)",
            "Host(`{{ lower .Name }}`)",
            "Host(`{{ index .Labels tier }}`)",
            "Host(`{{ .ContainerName }}`)",
            "Host(`{{ .Name`)",
            "Host(`{{ .Name }}`) && Host(`{{`)"})
    void unsupportedOrBrokenTemplatesFailAtStartUp(String template) {
        assertThatThrownBy(() -> RuleTemplate.parse(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("default-rule: ");
    }
}
