package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.rule.Rule;
import io.modelgate.discovery.rule.RuleParser;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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
            "Host(`{{ .Name }}`) && Host(`{{`)",
            "{{ index .Labels \"rule\" }}",
            "Host(`a`) || {{ .Name }}",
            "Host(`a`) && Host(\"\\{{ .Name }}\")"})
    void unsupportedOrBrokenTemplatesFailAtStartUp(String template) {
        assertThatThrownBy(() -> RuleTemplate.parse(template))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("default-rule: ");
    }

    /** Label values come from whoever built the image: none may end the string it lands in and add matchers. */
    @ParameterizedTest
    @ValueSource(strings = {"x`) || PathPrefix(`/", "`", "a`b", "example.org`) || Host(`evil.example"})
    void aValueThatWouldEndItsBacktickStringIsRefused(String value) {
        RuleTemplate t = RuleTemplate.parse("Host(`{{ index .Labels \"app.domain\" }}.example.com`)");
        assertThatThrownBy(() -> t.render("web", Map.of("app.domain", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 'app.domain' holds a backtick")
                .hasMessageContaining("would end the `...` string of default-rule");
    }

    /** Inside "…" the rule language has escapes: the value is escaped and matched as written. */
    @ParameterizedTest
    @ValueSource(strings = {"x\") || PathPrefix(\"/", "a\\b", "a\\\") || Host(\"b", "back`tick", "plain.example"})
    void aValueInADoubleQuotedStringIsEscaped(String value) {
        RuleTemplate t = RuleTemplate.parse("Host(\"{{ index .Labels \"app.domain\" }}\")");
        Rule rule = RuleParser.parse(t.render("web", Map.of("app.domain", value)));
        assertThat(rule).isEqualTo(new Rule.Host(List.of(value.toLowerCase(Locale.ROOT))));
    }

    @Test
    void quotesInTheTemplatesOwnTextKeepTheirMeaning() {
        RuleTemplate t = RuleTemplate.parse("Host(\"a`b\\\".{{ .Name }}\") || PathPrefix(`/\"{{ .Name }}`)");
        assertThat(t.render("web", Map.of())).isEqualTo("Host(\"a`b\\\".web\") || PathPrefix(`/\"web`)");
    }
}
