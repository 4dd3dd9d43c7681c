package io.modelgate.discovery.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.config.ChainSpec;
import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.discovery.config.WeightedSpec;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpConfigDecoderTest {

    static HttpConfigDecoder.Result decode(String yaml) {
        return HttpConfigDecoder.decode(YamlTree.parse(yaml, "routes.yml"), "file");
    }

    @Test
    void readsRuleSyntax() {
        var r = decode("""
                http:
                  routers:
                    v3: { rule: "PathRegexp(`^/a`)", ruleSyntax: v3, service: svc }
                    v2: { rule: "Headers(`X-A`, `1`)", ruleSyntax: V2, service: svc }
                    any: { rule: "Path(`/x`)", service: svc }
                    bad: { rule: "Path(`/x`)", ruleSyntax: v1, service: svc }
                """);
        assertThat(r.config().routers().get("v3").ruleSyntax()).isEqualTo(io.modelgate.discovery.rule.RuleSyntax.V3);
        assertThat(r.config().routers().get("v2").ruleSyntax()).isEqualTo(io.modelgate.discovery.rule.RuleSyntax.V2);
        assertThat(r.config().routers().get("any").ruleSyntax()).isEqualTo(io.modelgate.discovery.rule.RuleSyntax.AUTO);
        assertThat(r.config().routers()).doesNotContainKey("bad");
        assertThat(r.problems()).extracting(Problem::toString)
                .containsExactly("router bad@file (routes.yml:6): router bad: ruleSyntax 'v1' is not v2 or v3");
    }

    @Test
    void decodesAWeightedService() {
        var r = decode("""
                http:
                  services:
                    sentiment:
                      weighted:
                        services:
                          - name: sentiment-v1
                            weight: 9
                          - name: sentiment-v2@docker
                          - { name: off, weight: 0 }
                        healthCheck: {}
                """);
        assertThat(r.problems()).isEmpty();
        ServiceSpec s = r.config().services().get("sentiment");
        assertThat(s.loadBalancer()).isNull();
        assertThat(s.weighted().services()).containsExactly(new WeightedSpec.Child("sentiment-v1", 9),
                new WeightedSpec.Child("sentiment-v2@docker", 1), new WeightedSpec.Child("off", 0));
    }

    @Test
    void decodesEveryField() {
        var r = decode("""
                http:
                  routers:
                    m:
                      rule: "Host(`a`) && PathPrefix(`/m`)"
                      priority: 7
                      middlewares: [strip, hdr]
                      service: svc
                      entryPoints: [web]
                  services:
                    svc:
                      loadBalancer:
                        passHostHeader: false
                        servers:
                          - url: "http://10.0.0.1:8000"
                          - url: "https://model.internal/base"
                            weight: 3
                  middlewares:
                    strip: { stripPrefix: { prefixes: ["/m"], forceSlash: false } }
                    hdr:
                      headers:
                        customRequestHeaders: { X-A: "1", X-Drop: "" }
                        customResponseHeaders: { X-B: "2" }
                    both: { chain: { middlewares: [strip, hdr] } }
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().routers()).containsExactly(Map.entry("m",
                new RouterSpec("Host(`a`) && PathPrefix(`/m`)", 7, List.of("strip", "hdr"), "svc", List.of("web"))));
        assertThat(r.config().services()).containsExactly(Map.entry("svc", new ServiceSpec(new LoadBalancerSpec(List.of(
                new ServerSpec(URI.create("http://10.0.0.1:8000"), 1),
                new ServerSpec(URI.create("https://model.internal/base"), 3)), false))));
        assertThat(r.config().middlewares()).containsExactly(
                Map.entry("strip", new StripPrefixSpec(List.of("/m"))),
                Map.entry("hdr", new HeadersSpec(Map.of("X-A", "1", "X-Drop", ""), Map.of("X-B", "2"))),
                Map.entry("both", new ChainSpec(List.of("strip", "hdr"))));
        assertThat(r.config().origin("router", "m")).isEqualTo("routes.yml:3");
        assertThat(r.config().origin("service", "svc")).isEqualTo("routes.yml:10");
    }

    @Test
    void keysAreCaseInsensitiveAndScalarsMayBeQuoted() {
        var r = decode("""
                HTTP:
                  Routers:
                    m: { RULE: "Path(`/x`)", Service: s, ENTRYPOINTS: web, Priority: "3" }
                  services:
                    s: { LoadBalancer: { PassHostHeader: "true", Servers: [ { URL: "http://h:1", Weight: "2" } ] } }
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().routers().get("m")).isEqualTo(new RouterSpec("Path(`/x`)", 3, List.of(), "s", List.of("web")));
        assertThat(r.config().services().get("s").loadBalancer().servers().getFirst().weight()).isEqualTo(2);
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of("http:\n  routers:\n    r: { rulle: x, service: s }\n", "router r@file", "routes.yml:3",
                        "unknown key 'rulle' in router r (known: entryPoints, middlewares, priority, rule, ruleSyntax, service, tls)"),
                Arguments.of("http:\n  routers:\n    r: { service: s }\n", "router r@file", "routes.yml:3", "router r has no rule"),
                Arguments.of("http:\n  routers:\n    r: { rule: x }\n", "router r@file", "routes.yml:3", "router r has no service"),
                Arguments.of("http:\n  routers:\n    r:\n      rule: x\n      service: s\n      priority: high\n",
                        "router r@file", "routes.yml:6", "priority must be an integer, got 'high'"),
                Arguments.of("http:\n  routers:\n    r:\n      rule: x\n      service: s\n      tls: { option: x }\n",
                        "router r@file", "routes.yml:6", "unknown key 'option' in router r tls (known: certResolver, domains, options)"),
                Arguments.of("http:\n  services:\n    s:\n      loadBalancer:\n        servers:\n          - url: \"htp:/x\"\n",
                        "service s@file", "routes.yml:6", "servers[0].url 'htp:/x' is not an absolute http, https or h2c URL"),
                Arguments.of("http:\n  services:\n    s:\n      loadBalancer:\n        servers:\n          - url: http://a\n            weight: abc\n",
                        "service s@file", "routes.yml:7", "servers[0].weight must be an integer, got 'abc'"),
                Arguments.of("http:\n  services:\n    s:\n      loadBalancer:\n        servers:\n          - url: http://a\n            weight: -1\n",
                        "service s@file", "routes.yml:7", "weight must be a non-negative integer"),
                Arguments.of("http:\n  services:\n    s:\n      weighted: {}\n", "service s@file", "routes.yml:4",
                        "weighted.services must list at least one service (name and weight)"),
                Arguments.of("http:\n  services:\n    s:\n      weighted:\n        services: [ { name: a }, { name: a } ]\n",
                        "service s@file", "routes.yml:5", "service a is listed twice in weighted.services"),
                Arguments.of("http:\n  services:\n    s:\n      weighted:\n        services:\n          - { name: a, weight: -2 }\n",
                        "service s@file", "routes.yml:6", "weighted.services[0].weight must be a non-negative integer, got -2"),
                Arguments.of("http:\n  services:\n    s:\n      weighted:\n        services: [ { weight: 2 } ]\n",
                        "service s@file", "routes.yml:5", "weighted.services[0] has no name"),
                Arguments.of("http:\n  services:\n    s:\n      weighted:\n        services: [ { name: a } ]\n        sticky: { cookie: {} }\n",
                        "service s@file", "routes.yml:6", "weighted.sticky is not supported yet"),
                Arguments.of("http:\n  services:\n    s:\n      weighted: { services: [ { name: a } ] }\n      loadBalancer: { servers: [] }\n",
                        "service s@file", "routes.yml:3", "is either a loadBalancer or weighted, not both"),
                Arguments.of("http:\n  services:\n    s:\n      loadBalancer:\n        responseForwarding: {}\n", "service s@file", "routes.yml:5",
                        "loadBalancer.responseForwarding is not supported yet and is ignored"),
                Arguments.of("http:\n  services:\n    s:\n      loadBalancer:\n        sticky: { cookie: {}, dedicated: true }\n",
                        "service s@file", "routes.yml:5", "use either cookie or key"),
                Arguments.of("http:\n  services:\n    s:\n      loadBalancer:\n        sticky: { key: \"body:x\" }\n", "service s@file",
                        "routes.yml:5", "sticky key 'body:x' must be"),
                Arguments.of("http:\n  middlewares:\n    m:\n      circuitBreaker: { expression: \"x\" }\n", "middleware m@file",
                        "routes.yml:4", "circuitBreaker expression 'x': cannot read 'x'"),
                Arguments.of("http:\n  middlewares:\n    m:\n      retry: { attempts: 0 }\n", "middleware m@file",
                        "routes.yml:4", "retry.attempts must be at least 1, got 0"),
                Arguments.of("http:\n  middlewares:\n    m:\n      addPrefix: { prefix: /x }\n", "middleware m@file",
                        "routes.yml:4", "middleware type 'addPrefix' is not supported yet"),
                Arguments.of("http:\n  middlewares:\n    m:\n      rateLimit: { average: 5, sourceCriterion: { requestHost: true, "
                        + "user: true } }\n", "middleware m@file", "routes.yml:4", "sourceCriterion takes one of"),
                Arguments.of("http:\n  services:\n    s:\n      loadBalancer:\n        queue: { size: 3 }\n", "service s@file",
                        "routes.yml:5", "loadBalancer.queue needs loadBalancer.server.maxInFlight"),
                Arguments.of("http:\n  middlewares:\n    m:\n      errors: { status: [\"500\"] }\n", "middleware m@file",
                        "routes.yml:4", "errors needs a service"),
                Arguments.of("http:\n  middlewares:\n    m:\n      errors: { service: pages }\n", "middleware m@file",
                        "routes.yml:4", "errors needs status"),
                Arguments.of("http:\n  middlewares:\n    m:\n      errors:\n        status: [\"5xx\"]\n        service: pages\n",
                        "middleware m@file", "routes.yml:5", "errors.status '5xx' is not a code"),
                Arguments.of("http:\n  middlewares:\n    m:\n      errors: { status: [\"500\"], service: pages, query: \"x\" }\n",
                        "middleware m@file", "routes.yml:4", "errors.query must start with '/'"),
                Arguments.of("http:\n  middlewares:\n    m:\n      forwardAuth: { address: \"ftp://auth\" }\n", "middleware m@file",
                        "routes.yml:4", "forwardAuth.address must be an absolute http(s) URL"),
                Arguments.of("http:\n  middlewares:\n    m:\n      forwardAuth: { address: \"http://auth\", tls: { cert: x } }\n",
                        "middleware m@file", "routes.yml:4", "forwardAuth.tls.cert is not supported yet"),
                Arguments.of("http:\n  middlewares:\n    m:\n      stripPrefixx: {}\n", "middleware m@file", "routes.yml:4",
                        "unknown middleware type 'stripPrefixx'"),
                Arguments.of("http:\n  middlewares:\n    m:\n      stripPrefix: { prefixes: [\"/a\"] }\n      headers: {}\n",
                        "middleware m@file", "routes.yml:3", "exactly one type"),
                Arguments.of("http:\n  middlewares:\n    m:\n      headers:\n        sslRedirect: true\n", "middleware m@file",
                        "routes.yml:5", "headers option 'sslRedirect' is not supported yet"),
                Arguments.of("http:\n  middlewares:\n    cors:\n      headers:\n        accessControlAllowOriginList: [\"*\"]\n"
                        + "        customResponseHeaders: { X-A: b }\n        accessControlMaxAge: 100\n", "middleware cors@file",
                        "routes.yml:5", "headers options 'accessControlAllowOriginList', 'accessControlMaxAge' are not supported yet"),
                Arguments.of("http:\n  middlewares:\n    m:\n      stripPrefix: { prefixes: [\"a\"] }\n", "middleware m@file",
                        "routes.yml:4", "must start with '/'"),
                Arguments.of("tcp:\n  routers: {}\n", "tcp", "routes.yml:1", "'tcp' configuration is not supported"),
                Arguments.of("htp:\n  routers: {}\n", "htp", "routes.yml:1", "unknown key 'htp' (known: http, tls)"),
                Arguments.of("http:\n  routrs: {}\n", "http.routrs", "routes.yml:2", "unknown key 'routrs' under http"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("problems")
    void reportsProblemsWithElementAndLine(String yaml, String element, String origin, String message) {
        List<Problem> problems = decode(yaml).problems();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.provider()).isEqualTo("file");
            assertThat(p.element()).isEqualTo(element);
            assertThat(p.origin()).isEqualTo(origin);
            assertThat(p.message()).contains(message);
        });
    }

    @Test
    void aBrokenElementDoesNotTakeItsSiblingsDown() {
        var r = decode("""
                http:
                  routers:
                    bad: { rule: "x" }
                    good: { rule: "Path(`/g`)", service: s }
                  services:
                    s: { loadBalancer: { servers: [ { url: "http://a" } ] } }
                    broken: { loadBalancer: { servers: [ { url: "nope" } ] } }
                """);
        assertThat(r.config().routers()).containsOnlyKeys("good");
        assertThat(r.config().services()).containsOnlyKeys("s");
        assertThat(r.problems()).extracting(Problem::element).containsExactly("router bad@file", "service broken@file");
    }

    @Test
    void emptyDocumentsAreEmptyConfigurations() {
        assertThat(HttpConfigDecoder.decode(YamlTree.parse("", "e.yml"), "file").config().routers()).isEmpty();
        assertThat(decode("http:\n").problems()).isEmpty();
        assertThat(decode("# only a comment\n").problems()).isEmpty();
    }

    @Test
    void duplicateKeysDifferingOnlyInCaseAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> YamlTree.parse("http:\n  routers: {}\n  Routers: {}\n", "d.yml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("duplicate key 'Routers'");
    }

    @Test
    void labelStyleCommaListsAreLists() {
        var mw = MiddlewareDecoder.decode(new ConfigNode.MapNode(Map.of("stripprefix", new ConfigNode.Entry("stripprefix",
                new ConfigNode.MapNode(Map.of("prefixes", new ConfigNode.Entry("prefixes",
                        new ConfigNode.Scalar("/a, /b", "labels"))), "labels"))), "labels"));
        assertThat(mw).isEqualTo(new StripPrefixSpec(List.of("/a", "/b")));
    }

    @Test
    void decodesStickyCookieAndKey() {
        var r = decode("""
                http:
                  services:
                    cookie:
                      loadBalancer:
                        servers: [ { url: "http://a" } ]
                        sticky: { cookie: { name: lb, secure: true, httpOnly: true, sameSite: lax, maxAge: 60 } }
                    plain:
                      loadBalancer: { servers: [ { url: "http://a" } ], sticky: { cookie: {} } }
                    key:
                      loadBalancer: { servers: [ { url: "http://a" } ], sticky: { key: "query:session" } }
                    dedicated:
                      loadBalancer: { servers: [ { url: "http://a" } ], sticky: { dedicated: { idle: 10m } } }
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().services().get("cookie").loadBalancer().sticky()).isEqualTo(new io.modelgate.discovery.config.StickySpec(
                new io.modelgate.discovery.config.StickySpec.CookieSpec("lb", true, true, "lax", 60, "/", ""), null));
        assertThat(r.config().services().get("plain").loadBalancer().sticky().cookie())
                .isEqualTo(io.modelgate.discovery.config.StickySpec.CookieSpec.defaults());
        assertThat(r.config().services().get("key").loadBalancer().sticky().key()).isEqualTo("query:session");
        assertThat(r.config().services().get("dedicated").loadBalancer().sticky()).isEqualTo(
                new io.modelgate.discovery.config.StickySpec(null, "user", true, java.time.Duration.ofMinutes(10)));
    }

    @Test
    void decodesBufferingLimits() {
        var r = decode("""
                http:
                  middlewares:
                    limit: { buffering: { maxRequestBodyBytes: 20000000, memRequestBodyBytes: 1048576 } }
                    bad: { buffering: { maxRequestBodyBytes: "-5" } }
                """);
        assertThat(r.config().middlewares().get("limit"))
                .isEqualTo(new io.modelgate.discovery.config.BufferingSpec(20_000_000, 0));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("middleware bad@file");
            assertThat(p.message()).contains("must be a non-negative number of bytes");
        });
    }

    @Test
    void decodesErrorsAndForwardAuthTls() {
        var r = decode("""
                http:
                  middlewares:
                    pages: { errors: { status: ["500-599", "404"], service: "error-pages@docker", query: "/{status}.html?u={url}" } }
                    plain: { errors: { status: "502,504", service: pages } }
                    auth:
                      forwardAuth:
                        address: "https://auth.internal/auth"
                        tls: { ca: /run/secrets/ca.pem, insecureSkipVerify: false }
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.config().middlewares().get("pages")).isEqualTo(new io.modelgate.discovery.config.ErrorsSpec(
                io.modelgate.discovery.config.StatusRanges.parse(List.of("404", "500-599")), "error-pages@docker",
                "/{status}.html?u={url}"));
        var plain = (io.modelgate.discovery.config.ErrorsSpec) r.config().middlewares().get("plain");
        assertThat(plain.query()).isEqualTo("/{status}.html");
        assertThat(plain.status().contains(502)).isTrue();
        assertThat(plain.status().contains(503)).isFalse();
        var auth = (io.modelgate.discovery.config.ForwardAuthSpec) r.config().middlewares().get("auth");
        assertThat(auth.tls()).isEqualTo(new io.modelgate.discovery.config.ForwardAuthSpec.Tls("/run/secrets/ca.pem", false));
    }

    /** Found by YamlConfigFuzzTest (seed recursive-alias): an alias inside itself recursed until the stack overflowed. */
    @Test
    void anAliasThatContainsItselfIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> YamlTree.parse("http: {}\na: &x [*x]\n", "r.yml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("deeper than");
    }

    /** Aliases nested a few levels deep expand exponentially: refused past a budget, not ground through. */
    @Test
    void anAliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 7; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(7, "*a" + (i - 1)))).append("]\n");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> YamlTree.parse(yaml.toString(), "b.yml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("once aliases are expanded");
    }
}
