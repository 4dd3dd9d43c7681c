package io.modelgate.discovery.rule;

import static io.modelgate.discovery.rule.Req.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule language, table-driven: rule, request, expected match. */
class RuleParserTest {

    static Arguments match(String rule, Req request, boolean expected) {
        return Arguments.of(rule, Named.of(request.toString(), request), expected);
    }

    static Stream<Arguments> matching() {
        return Stream.of(
                // Host
                match("Host(`api.example`)", req().host("api.example"), true),
                match("Host(`api.example`)", req().host("other.example"), false),
                match("Host(`API.Example`)", req().host("api.example"), true),
                match("Host(`api.example.`)", req().host("api.example"), true), // the request's dot goes at intake
                match("Host(`a.example`, `b.example`)", req().host("b.example"), true),
                match("Host(`a.example`, `b.example`)", req().host("c.example"), false),
                match("HostHeader(`a.example`)", req().host("a.example"), true),
                match("host(`a.example`)", req().host("a.example"), true),
                match("HOST(`a.example`)", req().host("a.example"), true),
                // HostRegexp (v2 templates)
                match("HostRegexp(`{sub:[a-z]+}.example.com`)", req().host("api.example.com"), true),
                match("HostRegexp(`{sub:[a-z]+}.example.com`)", req().host("api1.example.com"), false),
                match("HostRegexp(`{sub}.example.com`)", req().host("x.y.example.com"), false),
                match("HostRegexp(`{sub}.example.com`)", req().host("anything.example.com"), true),
                match("HostRegexp(`{sub:[a-z]+}.example.com`)", req().host("API.example.com"), true),
                match("HostRegexp(`example.com`)", req().host("examplexcom"), false),
                // Path and PathPrefix
                match("Path(`/health`)", req().path("/health"), true),
                match("Path(`/health`)", req().path("/health/x"), false),
                match("Path(`/a`, `/b`)", req().path("/b"), true),
                match("Path(`/products/{id:[0-9]+}`)", req().path("/products/42"), true),
                match("Path(`/products/{id:[0-9]+}`)", req().path("/products/42/x"), false),
                match("Path(`/products/{id}`)", req().path("/products/abc"), true),
                match("PathPrefix(`/api/v1/m`)", req().path("/api/v1/m/predict"), true),
                match("PathPrefix(`/api/v1/m`)", req().path("/api/v1/mx"), true),
                match("PathPrefix(`/api/v1/m`)", req().path("/api/v1"), false),
                match("PathPrefix(`/api/{version:v[0-9]+}/`)", req().path("/api/v2/x"), true),
                match("PathPrefix(`/api/{version:v[0-9]+}/`)", req().path("/api/vx/x"), false),
                match("PathPrefix(`/a.b`)", req().path("/axb"), false),
                // Method
                match("Method(`POST`)", req().method("POST"), true),
                match("Method(`GET`, `HEAD`)", req().method("HEAD"), true),
                match("Method(`get`)", req().method("GET"), true),
                match("Method(`POST`)", req().method("GET"), false),
                // Headers, HeadersRegexp
                match("Headers(`X-Tier`, `gold`)", req().header("x-tier", "gold"), true),
                match("Headers(`X-Tier`, `gold`)", req().header("X-Tier", "golden"), false),
                match("Headers(`X-Tier`, `gold`)", req(), false),
                match("HeadersRegexp(`X-Tier`, `^(gold|silver)$`)", req().header("X-Tier", "silver"), true),
                match("HeadersRegexp(`User-Agent`, `curl`)", req().header("User-Agent", "curl/8.0"), true),
                match("HeadersRegexp(`User-Agent`, `^curl$`)", req().header("User-Agent", "curl/8.0"), false),
                // Query (all arguments must hold)
                match("Query(`session=abc`)", req().query("session", "abc"), true),
                match("Query(`session=abc`)", req().query("session", "abd"), false),
                match("Query(`debug`)", req().query("debug", ""), true),
                match("Query(`debug`)", req(), false),
                match("Query(`a=1`, `b=2`)", req().query("a", "1"), false),
                match("Query(`a=1`, `b=2`)", req().query("a", "1").query("b", "2"), true),
                match("Query(`id={id:[0-9]+}`)", req().query("id", "17"), true),
                match("Query(`id={id:[0-9]+}`)", req().query("id", "x17"), false),
                // ClientIP
                match("ClientIP(`10.0.0.0/8`)", req().client("10.1.2.3"), true),
                match("ClientIP(`10.0.0.0/8`)", req().client("11.1.2.3"), false),
                match("ClientIP(`192.168.1.7`, `::1`)", req().client("::1"), true),
                match("ClientIP(`fd00::/8`)", req().client("fd12::1"), true),
                match("ClientIP(`fd00::/8`)", req().client("10.0.0.1"), false),
                // operators, precedence, parentheses
                match("Host(`a`) && PathPrefix(`/x`)", req().host("a").path("/x/1"), true),
                match("Host(`a`) && PathPrefix(`/x`)", req().host("b").path("/x/1"), false),
                match("Host(`a`) || Host(`b`)", req().host("b"), true),
                match("!Host(`a`)", req().host("b"), true),
                match("!Host(`a`)", req().host("a"), false),
                match("Host(`a`) || Host(`b`) && Path(`/p`)", req().host("a").path("/q"), true),
                match("(Host(`a`) || Host(`b`)) && Path(`/p`)", req().host("a").path("/q"), false),
                match("!Host(`a`) && Path(`/p`)", req().host("b").path("/p"), true),
                match("!(Host(`a`) && Path(`/p`))", req().host("a").path("/q"), true),
                match("!!Host(`a`)", req().host("a"), true),
                match("  Host( `a` ) &&\n\tPath(`/p`)  ", req().host("a").path("/p"), true),
                // quoting
                match("Host(\"api.example\")", req().host("api.example"), true),
                match("Headers(\"X-Q\", \"say \\\"hi\\\"\")", req().header("X-Q", "say \"hi\""), true),
                match("Headers(`X-Q`, \"back\\\\slash\")", req().header("X-Q", "back\\slash"), true));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("matching")
    void matches(String rule, Req request, boolean expected) {
        assertThat(RuleParser.parse(rule).matches(request)).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("", 0, "empty rule"),
                Arguments.of("   ", 0, "empty rule"),
                Arguments.of("Hots(`a`)", 0, "unknown matcher 'Hots'"),
                Arguments.of("Host(`a`) && Hots(`b`)", 13, "unknown matcher 'Hots'"),
                Arguments.of("Host", 4, "expected '(' after Host"),
                Arguments.of("Host(`a`", 8, "expected ',' or ')'"),
                Arguments.of("Host(`a`))", 9, "unexpected ')'"),
                Arguments.of("Host(`a) && Path(`/b`)", 18, "expected ',' or ')'"), // the string ran to the next backtick
                Arguments.of("Host(`a`) &&", 12, "expected a matcher"),
                Arguments.of("&& Host(`a`)", 0, "expected a matcher"),
                Arguments.of("Host(`a`) || || Host(`b`)", 13, "expected a matcher"),
                Arguments.of("(Host(`a`)", 10, "expected ')' to close '(' at 0"),
                Arguments.of("Host()", 5, "needs at least one argument"),
                Arguments.of("Host(a)", 5, "expected a string"),
                Arguments.of("Host(`a`,)", 9, "expected a string"),
                Arguments.of("Host(\"a)", 5, "unterminated string"),
                Arguments.of("Host(`a`", 8, "expected ',' or ')'"),
                Arguments.of("Host(`a`) Path(`/b`)", 10, "unexpected 'P' after a complete rule"),
                Arguments.of("Headers(`X-A`)", 0, "Headers takes 2 arguments"),
                Arguments.of("HeadersRegexp(`X-A`, `(`)", 21, "bad regexp"),
                Arguments.of("HostRegexp(`{sub:[a-z}.example`)", 11, "bad regexp"),
                // found by RuleParserFuzzTest's seeds: the variable would close its group and match anything
                Arguments.of("HostRegexp(`{x:a)|(.*}.example`)", 11, "bad regexp"),
                Arguments.of("PathPrefix(`/{x:a)|(.*}/b`)", 11, "bad regexp"),
                Arguments.of("PathPrefix(`/a/{id`)", 11, "unbalanced '{'"),
                Arguments.of("Path(`/a/{:[0-9]+}`)", 5, "template variable without a name"),
                Arguments.of("ClientIP(`10.0.0.0/33`)", 9, "bad prefix length"),
                Arguments.of("ClientIP(`10.0.0.1`, `not-an-ip`)", 21, "is not an IP address"),
                Arguments.of("Query(`=x`)", 6, "has no parameter name"),
                Arguments.of("Headers(\"X\", \"a\\qb\")", 15, "unknown escape"));
    }

    @ParameterizedTest(name = "{0} -> position {1}: {2}")
    @MethodSource("errors")
    void reportsErrorsWithTheirPosition(String rule, int position, String message) {
        assertThatThrownBy(() -> RuleParser.parse(rule))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.getMessage()).startsWith("position " + position + ": ").contains(message);
                });
    }

    @Test
    void printsACanonicalForm() {
        assertThat(RuleParser.parse("host(\"A\") && (Path(`/x`) || !method(`get`))"))
                .hasToString("Host(`a`) && (Path(`/x`) || !Method(`GET`))");
    }
}
