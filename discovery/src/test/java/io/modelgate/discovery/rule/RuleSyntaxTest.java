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

/** Traefik v3 matchers, the per-router ruleSyntax, and how a rule without one is read (docs/rules.md). */
class RuleSyntaxTest {

    private static final RuleSyntax V2 = RuleSyntax.V2;
    private static final RuleSyntax V3 = RuleSyntax.V3;
    private static final RuleSyntax AUTO = RuleSyntax.AUTO;

    static Arguments match(RuleSyntax syntax, String rule, Req request, boolean expected) {
        return Arguments.of(syntax, rule, Named.of(request.toString(), request), expected);
    }

    static Stream<Arguments> matching() {
        return Stream.of(
                // v3 Host, Method, ClientIP: one value, same meaning as v2
                match(V3, "Host(`api.example`)", req().host("api.example"), true),
                match(V3, "Host(`API.example`)", req().host("api.example"), true),
                match(V3, "Host(`api.example`)", req().host("b.example"), false),
                match(V3, "Method(`post`)", req().method("POST"), true),
                match(V3, "ClientIP(`10.0.0.0/8`)", req().client("10.9.8.7"), true),
                match(V3, "ClientIP(`10.0.0.0/8`)", req().client("192.168.0.1"), false),
                // v3 HostRegexp: a plain regexp, unanchored
                match(V3, "HostRegexp(`^[a-z]+\\.example\\.com$`)", req().host("api.example.com"), true),
                match(V3, "HostRegexp(`^[a-z]+\\.example\\.com$`)", req().host("a.b.example.com"), false),
                match(V3, "HostRegexp(`example\\.com`)", req().host("www.example.com.evil"), true),
                match(V3, "HostRegexp(`^[a-z]{2,3}\\.example$`)", req().host("abc.example"), true),
                match(V3, "HostRegexp(`^[a-z]{2,3}\\.example$`)", req().host("abcd.example"), false),
                // v3 Path, PathPrefix: literal (braces too), PathRegexp: unanchored regexp
                match(V3, "Path(`/health`)", req().path("/health"), true),
                match(V3, "Path(`/health`)", req().path("/health/"), false),
                match(V3, "Path(`/items/{id}`)", req().path("/items/{id}"), true),
                match(V3, "Path(`/items/{id}`)", req().path("/items/7"), false),
                match(V3, "PathPrefix(`/api`)", req().path("/apix"), true),
                match(V3, "PathPrefix(`/api`)", req().path("/ap"), false),
                match(V3, "PathRegexp(`^/api/v[0-9]+/`)", req().path("/api/v2/x"), true),
                match(V3, "PathRegexp(`^/api/v[0-9]+/`)", req().path("/api/vx/x"), false),
                match(V3, "PathRegexp(`\\.(jpe?g|png)$`)", req().path("/img/a.jpeg"), true),
                // v3 Header, HeaderRegexp
                match(V3, "Header(`X-Tier`, `gold`)", req().header("x-tier", "gold"), true),
                match(V3, "Header(`X-Tier`, `gold`)", req().header("X-Tier", "golden"), false),
                match(V3, "Header(`X-Tier`, `gold`)", req(), false),
                match(V3, "HeaderRegexp(`User-Agent`, `^curl/`)", req().header("User-Agent", "curl/8.1"), true),
                match(V3, "HeaderRegexp(`User-Agent`, `^curl/`)", req().header("User-Agent", "Mozilla curl/8"), false),
                match(V3, "HeaderRegexp(`User-Agent`, `curl`)", req().header("User-Agent", "Mozilla curl/8"), true),
                // v3 Query: key and value; one argument means present with an empty value
                match(V3, "Query(`mobile`, `true`)", req().query("mobile", "true"), true),
                match(V3, "Query(`mobile`, `true`)", req().query("mobile", "false").query("mobile", "true"), true),
                match(V3, "Query(`mobile`, `true`)", req().query("mobile", "yes"), false),
                match(V3, "Query(`mobile`, `true`)", req(), false),
                match(V3, "Query(`debug`)", req().query("debug", ""), true),
                match(V3, "Query(`debug`)", req().query("debug", "1"), false),
                match(V3, "Query(`debug`)", req(), false),
                match(V3, "QueryRegexp(`session`, `^[a-z0-9]+$`)", req().query("session", "ab12"), true),
                match(V3, "QueryRegexp(`session`, `^[a-z0-9]+$`)", req().query("session", "ab-12"), false),
                match(V3, "QueryRegexp(`session`, `^[a-z0-9]+$`)", req(), false),
                match(V3, "QueryRegexp(`debug`)", req().query("debug", ""), true),
                // operators work the same
                match(V3, "Host(`a`) && (PathPrefix(`/x`) || !Method(`GET`))", req().host("a").path("/y").method("POST"), true),
                match(V3, "Host(`a`) && (PathPrefix(`/x`) || !Method(`GET`))", req().host("a").path("/y"), false),
                // v2 on request: templates as before
                match(V2, "HostRegexp(`{sub:[a-z]+}.example.com`)", req().host("api.example.com"), true),
                match(V2, "HostRegexp(`example.com`)", req().host("www.example.com"), false),
                match(V2, "Path(`/items/{id:[0-9]+}`)", req().path("/items/7"), true),
                match(V2, "Query(`debug`)", req().query("debug", "1"), true),
                match(V2, "Host(`a`, `b`)", req().host("b"), true),
                // no ruleSyntax: each matcher by its form
                match(AUTO, "Headers(`X-Tier`, `gold`) && Header(`X-Zone`, `eu`)",
                        req().header("X-Tier", "gold").header("X-Zone", "eu"), true),
                match(AUTO, "HostRegexp(`{sub:[a-z]+}.example.com`)", req().host("api.example.com"), true),
                match(AUTO, "HostRegexp(`{sub}.example.com`)", req().host("x.y.example.com"), false),
                match(AUTO, "HostRegexp(`^[a-z]+\\.example\\.com$`)", req().host("api.example.com"), true),
                match(AUTO, "HostRegexp(`^[a-z]{2,3}\\.example$`)", req().host("ab.example"), true),
                match(AUTO, "HostRegexp(`example.com`)", req().host("www.example.com"), false),
                match(AUTO, "HostRegexp(`example.com`)", req().host("EXAMPLE.com"), true),
                match(AUTO, "HostRegexp(`a.example`, `b.example`)", req().host("b.example"), true),
                match(AUTO, "HostRegexp(`a.example`, `b.example`)", req().host("bxexample"), false),
                match(AUTO, "Path(`/items/{id:[0-9]+}`)", req().path("/items/7"), true),
                match(AUTO, "PathRegexp(`^/items/[0-9]+$`)", req().path("/items/7"), true),
                match(AUTO, "Query(`mobile`, `true`)", req().query("mobile", "true"), true),
                match(AUTO, "Query(`mobile`, `true`)", req().query("mobile", "1").query("true", "1"), false),
                match(AUTO, "Query(`a=1`, `b=2`)", req().query("a", "1").query("b", "2"), true),
                match(AUTO, "Query(`debug`)", req().query("debug", "1"), true),
                match(AUTO, "QueryRegexp(`id`, `^[0-9]+$`)", req().query("id", "42"), true),
                match(AUTO, "Host(`a`, `b`) && Method(`GET`, `HEAD`)", req().host("a").method("HEAD"), true));
    }

    @ParameterizedTest(name = "{0}: {1} on {2} -> {3}")
    @MethodSource("matching")
    void matches(RuleSyntax syntax, String rule, Req request, boolean expected) {
        assertThat(RuleParser.parse(rule, syntax).matches(request)).isEqualTo(expected);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(V3, "Headers(`X-A`, `1`)", 0, "Headers is Traefik v2 syntax but the router's ruleSyntax is v3 (v3: Header)"),
                Arguments.of(V3, "HeadersRegexp(`X-A`, `1`)", 0, "(v3: HeaderRegexp)"),
                Arguments.of(V3, "Host(`a`) && HostHeader(`b`)", 13, "HostHeader is Traefik v2 syntax"),
                Arguments.of(V3, "Host(`a`, `b`)", 0, "Host takes 1 argument in Traefik v3 syntax, got 2 (write Host(`a`) || Host(`b`)"),
                Arguments.of(V3, "Method(`GET`, `HEAD`)", 0, "Method takes 1 argument"),
                Arguments.of(V3, "ClientIP(`10.0.0.0/8`, `::1`)", 0, "ClientIP takes 1 argument"),
                Arguments.of(V3, "PathRegexp(`^/a`, `^/b`)", 0, "PathRegexp takes 1 argument"),
                Arguments.of(V3, "Header(`X-A`)", 0, "Header takes 2 arguments"),
                Arguments.of(V3, "Query(`a`, `b`, `c`)", 0, "Query takes 1 or 2 arguments"),
                Arguments.of(V3, "Path(`health`)", 5, "path `health` does not start with '/'"),
                Arguments.of(V3, "PathPrefix(`api`)", 11, "does not start with '/'"),
                Arguments.of(V3, "HostRegexp(`(`)", 11, "bad regexp"),
                Arguments.of(V3, "PathRegexp(`[a-`)", 11, "bad regexp"),
                Arguments.of(V3, "QueryRegexp(`k`, `*x`)", 17, "bad regexp"),
                Arguments.of(V3, "Hots(`a`)", 0, "unknown matcher 'Hots' (known: Host, HostRegexp, Path, PathPrefix, PathRegexp"),
                Arguments.of(V2, "Header(`X-A`, `1`)", 0, "Header is Traefik v3 syntax but the router's ruleSyntax is v2 (v2: Headers)"),
                Arguments.of(V2, "Host(`a`) || HeaderRegexp(`X-A`, `1`)", 13, "(v2: HeadersRegexp)"),
                Arguments.of(V2, "PathRegexp(`^/a`)", 0, "PathRegexp is Traefik v3 syntax"),
                Arguments.of(V2, "QueryRegexp(`a`, `b`)", 0, "QueryRegexp is Traefik v3 syntax"),
                Arguments.of(AUTO, "HeaderRegexp(`X-A`, `(`)", 20, "bad regexp"),
                Arguments.of(AUTO, "Hots(`a`)", 0, "unknown matcher 'Hots'"));
    }

    @ParameterizedTest(name = "{0}: {1} -> position {2}: {3}")
    @MethodSource("errors")
    void refusesTheOtherSyntaxWithAMessage(RuleSyntax syntax, String rule, int position, String message) {
        assertThatThrownBy(() -> RuleParser.parse(rule, syntax))
                .isInstanceOfSatisfying(RuleSyntaxException.class, e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.getMessage()).startsWith("position " + position + ": ").contains(message);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.modelgate.discovery.rule.RuleParserTest#matching")
    void everyV2RuleMeansTheSameWithRuleSyntaxV2AndWithout(String rule, Req request, boolean expected) {
        assertThat(RuleParser.parse(rule, V2).matches(request)).isEqualTo(expected);
        assertThat(RuleParser.parse(rule, AUTO).matches(request)).isEqualTo(expected);
    }

    @Test
    void ruleSyntaxValuesAreTraefiks() {
        assertThat(RuleSyntax.of("v2")).isEqualTo(V2);
        assertThat(RuleSyntax.of(" V3 ")).isEqualTo(V3);
        assertThat(RuleSyntax.of(null)).isEqualTo(AUTO);
        assertThat(RuleSyntax.of("")).isEqualTo(AUTO);
        assertThatThrownBy(() -> RuleSyntax.of("v1")).hasMessage("ruleSyntax 'v1' is not v2 or v3");
    }

    @Test
    void printsV3MatchersBack() {
        assertThat(RuleParser.parse("PathRegexp(`^/a`) && Header(`X-A`, `1`) || Query(`k`, `v`)", V3))
                .hasToString("PathRegexp(`^/a`) && Headers(`X-A`, `1`) || Query(`k`, `v`)");
    }
}
