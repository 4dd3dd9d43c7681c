package io.modelgate.discovery.rule;

import static io.modelgate.discovery.rule.Req.req;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteIndexTest {

    /** A route whose payload is its name; priority defaults to the rule's length, as in the gateway. */
    static RouteIndex.Entry<String> route(String name, String rule) {
        return new RouteIndex.Entry<>(name, RuleParser.parse(rule), rule.length(), name);
    }

    static RouteIndex.Entry<String> route(String name, String rule, int priority) {
        return new RouteIndex.Entry<>(name, RuleParser.parse(rule), priority, name);
    }

    @SafeVarargs
    static RouteIndex<String> index(RouteIndex.Entry<String>... entries) {
        return new RouteIndex<>(List.of(entries));
    }

    static Stream<Arguments> selection() {
        RouteIndex<String> models = index(
                route("api", "PathPrefix(`/api`)"),
                route("model", "PathPrefix(`/api/v1/m`)"),
                route("hostOnly", "Host(`a.example`)"),
                route("hostApi", "Host(`a.example`) && PathPrefix(`/api`)"),
                route("health", "Path(`/health`)"),
                route("regexHost", "HostRegexp(`{x:[a-z]+}.regex.example`)"),
                route("notInternal", "!Host(`internal.example`) && PathPrefix(`/pub`)"),
                route("either", "Host(`e1.example`) || PathPrefix(`/either`)"));
        return Stream.of(
                Arguments.of(models, req().path("/api/v1/m/predict"), "model"),
                Arguments.of(models, req().path("/api/v2/x"), "api"),
                Arguments.of(models, req().host("a.example").path("/api/v1/m"), "hostApi"),
                Arguments.of(models, req().host("a.example").path("/other"), "hostOnly"),
                Arguments.of(models, req().path("/health"), "health"),
                Arguments.of(models, req().path("/healthz"), null),
                Arguments.of(models, req().host("abc.regex.example").path("/x"), "regexHost"),
                Arguments.of(models, req().host("ab1.regex.example").path("/x"), null),
                Arguments.of(models, req().host("x.example").path("/pub/1"), "notInternal"),
                Arguments.of(models, req().host("internal.example").path("/pub/1"), null),
                Arguments.of(models, req().host("e1.example").path("/z"), "either"),
                Arguments.of(models, req().host("zz.example").path("/either/1"), "either"),
                Arguments.of(index(route("low", "PathPrefix(`/a/b`)", 1), route("high", "PathPrefix(`/a`)", 100)),
                        req().path("/a/b/c"), "high"),
                Arguments.of(index(route("b", "PathPrefix(`/x`)", 5), route("a", "PathPrefix(`/x`)", 5)),
                        req().path("/x"), "a"),
                Arguments.of(index(route("p", "PathPrefix(`/x`)", 5), route("p2", "Path(`/x`)", 5)),
                        req().path("/x"), "p"),
                Arguments.of(index(route("m", "Method(`POST`) && PathPrefix(`/x`)"), route("any", "PathPrefix(`/x`)")),
                        req().method("GET").path("/x/1"), "any"),
                Arguments.of(index(route("tmpl", "PathPrefix(`/items/{id:[0-9]+}`)"), route("items", "PathPrefix(`/items`)")),
                        req().path("/items/12/x"), "tmpl"),
                Arguments.of(index(route("tmpl", "PathPrefix(`/items/{id:[0-9]+}`)"), route("items", "PathPrefix(`/items`)")),
                        req().path("/items/ab"), "items"),
                Arguments.of(index(route("never", "Host(`a`) && Host(`b`)")), req().host("a"), null));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("selection")
    void picksTheHighestRankedMatchingRoute(RouteIndex<String> index, Req request, String expected) {
        assertThat(index.find(request)).isEqualTo(expected);
    }

    @Test
    void tenThousandRoutersOnlyEvaluateAFewCandidates() {
        List<RouteIndex.Entry<String>> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            entries.add(route("m" + i, "Host(`m" + i + ".example`) && PathPrefix(`/api/v1/m" + i + "`)"));
        }
        entries.add(route("catchAll", "PathPrefix(`/`)", 1));
        RouteIndex<String> index = new RouteIndex<>(entries);
        Req hit = req().host("m5000.example").path("/api/v1/m5000/predict");
        assertThat(index.find(hit)).isEqualTo("m5000");
        assertThat(index.candidateCount(hit)).isLessThanOrEqualTo(2);
        assertThat(index.find(req().host("m5000.example").path("/api/v1/m5001"))).isEqualTo("catchAll");
    }

    /** The index must agree with evaluating every rule in rank order, for any mix of rules and requests. */
    @Test
    void agreesWithALinearScan() {
        Random random = new Random(42);
        String[] hosts = {"a.example", "b.example", "c.example"};
        String[] paths = {"/", "/api", "/api/v1", "/api/v1/m", "/api/v1/mx", "/health", "/x/y"};
        String[] methods = {"GET", "POST"};
        for (int round = 0; round < 200; round++) {
            List<RouteIndex.Entry<String>> entries = new ArrayList<>();
            int n = 1 + random.nextInt(12);
            for (int i = 0; i < n; i++) {
                String rule = randomRule(random, hosts, paths, methods, 2);
                entries.add(new RouteIndex.Entry<>("r" + i, RuleParser.parse(rule), random.nextInt(3), "r" + i));
            }
            RouteIndex<String> index = new RouteIndex<>(entries);
            List<RouteIndex.Entry<String>> ranked = entries.stream()
                    .sorted(Comparator.<RouteIndex.Entry<String>>comparingInt(e -> -e.priority()).thenComparing(RouteIndex.Entry::name))
                    .toList();
            for (int q = 0; q < 30; q++) {
                Req r = req().host(hosts[random.nextInt(hosts.length)])
                        .path(paths[random.nextInt(paths.length)] + (random.nextBoolean() ? "" : "/z"))
                        .method(methods[random.nextInt(methods.length)]);
                String linear = ranked.stream().filter(e -> e.rule().matches(r)).map(RouteIndex.Entry::payload)
                        .findFirst().orElse(null);
                assertThat(index.find(r)).as("rules %s, request %s", entries.stream().map(e -> e.rule().toString()).toList(), r)
                        .isEqualTo(linear);
            }
        }
    }

    private static String randomRule(Random random, String[] hosts, String[] paths, String[] methods, int depth) {
        int pick = random.nextInt(depth > 0 ? 8 : 5);
        return switch (pick) {
            case 0 -> "Host(`" + hosts[random.nextInt(hosts.length)] + "`)";
            case 1 -> "PathPrefix(`" + paths[random.nextInt(paths.length)] + "`)";
            case 2 -> "Path(`" + paths[random.nextInt(paths.length)] + "`)";
            case 3 -> "Method(`" + methods[random.nextInt(methods.length)] + "`)";
            case 4 -> "Host(`" + hosts[random.nextInt(hosts.length)] + "`, `" + hosts[random.nextInt(hosts.length)] + "`)";
            case 5 -> "(" + randomRule(random, hosts, paths, methods, depth - 1) + " && "
                    + randomRule(random, hosts, paths, methods, depth - 1) + ")";
            case 6 -> "(" + randomRule(random, hosts, paths, methods, depth - 1) + " || "
                    + randomRule(random, hosts, paths, methods, depth - 1) + ")";
            default -> "!" + randomRule(random, hosts, paths, methods, depth - 1);
        };
    }

    @Test
    void indexKeysOfAndCombineAndDropContradictions() {
        assertThat(RuleParser.parse("Host(`a`) && PathPrefix(`/x`) && PathPrefix(`/x/y`)").indexKeys())
                .containsExactly(new IndexKey("a", "/x/y", false));
        assertThat(RuleParser.parse("PathPrefix(`/x`) && PathPrefix(`/y`)").indexKeys()).isEmpty();
        assertThat(RuleParser.parse("Path(`/x/1`) && PathPrefix(`/x`)").indexKeys())
                .containsExactly(new IndexKey(null, "/x/1", true));
        assertThat(RuleParser.parse("Host(`a`, `b`) && PathPrefix(`/p`)").indexKeys())
                .containsExactly(new IndexKey("a", "/p", false), new IndexKey("b", "/p", false));
        assertThat(RuleParser.parse("!Host(`a`)").indexKeys()).containsExactly(IndexKey.ANY);
        assertThat(RuleParser.parse("Host(`a`) || Method(`GET`)").indexKeys())
                .containsExactly(new IndexKey("a", null, false), IndexKey.ANY);
    }
}
