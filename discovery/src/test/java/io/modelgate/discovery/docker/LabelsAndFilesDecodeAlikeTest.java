package io.modelgate.discovery.docker;

import static io.modelgate.discovery.docker.LabelFixtures.label;
import static io.modelgate.discovery.docker.LabelFixtures.name;
import static io.modelgate.discovery.docker.LabelFixtures.network;
import static io.modelgate.discovery.docker.LabelFixtures.port;
import static io.modelgate.discovery.docker.LabelFixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.decode.HttpConfigDecoder;
import io.modelgate.discovery.decode.YamlTree;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same element written as a file provider's YAML and as Docker labels decodes to the same router, service or
 * middleware — or to the same refusal. Each row is written both ways by hand, the way an operator moving an element
 * from a file to labels would write it; the file's server is the address the labelled container has, so a service
 * compares whole.
 */
class LabelsAndFilesDecodeAlikeTest {

    /** One element, both ways: the YAML below {@code http.<kind>s.x} and the labels after {@code traefik.http.<kind>s.x.}. */
    record Row(String name, String kind, String yaml, String[] labels, String refusal) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static Row row(String name, String kind, String yaml, String... labels) {
        return new Row(name, kind, yaml, labels, null);
    }

    private static Row refused(String name, String fragment, String kind, String yaml, String... labels) {
        return new Row(name, kind, yaml, labels, fragment);
    }

    static Stream<Row> rows() {
        return Stream.of(
                row("router with every key", "router", """
                        rule: Host(`a.example`) && PathPrefix(`/api`)
                        ruleSyntax: v2
                        priority: 7
                        middlewares: [auth, strip]
                        service: x
                        entryPoints: [web, websecure]
                        tls: { certResolver: le, options: modern@file, domains: [ { main: a.example, sans: [b.example, c.example] } ] }
                        """, "rule=Host(`a.example`) && PathPrefix(`/api`)", "rulesyntax=v2", "priority=7",
                        "middlewares=auth, strip", "service=x", "entrypoints=web,websecure", "tls=true", "tls.certresolver=le",
                        "tls.options=modern@file", "tls.domains[0].main=a.example", "tls.domains[0].sans=b.example,c.example"),
                row("router with tls on and its defaults", "router", "{ rule: Path(`/p`), service: x, tls: {} }",
                        "rule=Path(`/p`)", "service=x", "tls=true"),
                row("service with a cookie affinity", "service", """
                        loadBalancer:
                          servers: [ { url: "http://10.0.0.5:8000" } ]
                          passHostHeader: false
                          sticky: { cookie: { name: lb, secure: true, httpOnly: true, sameSite: strict, maxAge: 60 } }
                        """, "loadbalancer.server.port=8000", "loadbalancer.passhostheader=false",
                        "loadbalancer.sticky.cookie.name=lb", "loadbalancer.sticky.cookie.secure=true",
                        "loadbalancer.sticky.cookie.httponly=true", "loadbalancer.sticky.cookie.samesite=strict",
                        "loadbalancer.sticky.cookie.maxage=60"),
                row("service with a dedicated instance per user", "service", """
                        loadBalancer:
                          servers: [ { url: "http://10.0.0.5:8000" } ]
                          sticky: { key: "header:X-Auth-User", dedicated: { idle: 10m } }
                        """, "loadbalancer.server.port=8000", "loadbalancer.sticky.key=header:X-Auth-User",
                        "loadbalancer.sticky.dedicated=true", "loadbalancer.sticky.dedicated.idle=10m"),
                row("service with admission control and health checks", "service", """
                        loadBalancer:
                          servers: [ { url: "h2c://10.0.0.5:8000" } ]
                          server: { maxInFlight: 2 }
                          queue: { size: 8, timeout: 20s }
                          healthCheck: { path: /health, interval: 2s, timeout: 1s, headers: { X-Probe: "yes" } }
                          passiveHealthCheck: { maxFailedAttempts: 3, failureWindow: 5s, status: [502, 503] }
                        """, "loadbalancer.server.port=8000", "loadbalancer.server.scheme=h2c",
                        "loadbalancer.server.maxinflight=2", "loadbalancer.queue.size=8", "loadbalancer.queue.timeout=20s",
                        "loadbalancer.healthcheck.path=/health", "loadbalancer.healthcheck.interval=2s",
                        "loadbalancer.healthcheck.timeout=1s", "loadbalancer.healthcheck.headers.X-Probe=yes",
                        "loadbalancer.passivehealthcheck.maxfailedattempts=3", "loadbalancer.passivehealthcheck.failurewindow=5s",
                        "loadbalancer.passivehealthcheck.status=502,503"),
                row("rateLimit with plans", "middleware", """
                        rateLimit: { average: 10, burst: 20, period: 1m, sourceCriterion: { user: true },
                                     plans: { pro: { average: 100 } } }
                        """, "ratelimit.average=10", "ratelimit.burst=20", "ratelimit.period=1m",
                        "ratelimit.sourcecriterion.user=true", "ratelimit.plans.pro.average=100"),
                row("forwardAuth", "middleware", """
                        forwardAuth: { address: "http://auth:8080/verify", trustForwardHeader: true,
                                       authResponseHeaders: [X-Auth-User, X-Auth-Plan], timeout: 2s }
                        """, "forwardauth.address=http://auth:8080/verify", "forwardauth.trustforwardheader=true",
                        "forwardauth.authresponseheaders=X-Auth-User,X-Auth-Plan", "forwardauth.timeout=2s"),
                row("headers", "middleware", "headers: { customRequestHeaders: { X-Model: llama }, customResponseHeaders: { X-Served-By: mg } }",
                        "headers.customrequestheaders.X-Model=llama", "headers.customresponseheaders.X-Served-By=mg"),
                row("errors", "middleware", "errors: { status: [500-599], service: pages, query: \"/{status}.html\" }",
                        "errors.status=500-599", "errors.service=pages", "errors.query=/{status}.html"),
                row("chain", "middleware",
                        "chain: { middlewares: [a, b] }", "chain.middlewares=a,b"),
                row("circuitBreaker", "middleware", "circuitBreaker: { expression: NetworkErrorRatio() > 0.5, checkPeriod: 5s }",
                        "circuitbreaker.expression=NetworkErrorRatio() > 0.5", "circuitbreaker.checkperiod=5s"),
                row("inFlightReq", "middleware", "inFlightReq: { amount: 4, sourceCriterion: { requestHeaderName: X-Key } }",
                        "inflightreq.amount=4", "inflightreq.sourcecriterion.requestheadername=X-Key"),
                refused("a router with an unknown key", "unknown key 'midlewares' in router x", "router",
                        "{ rule: Path(`/p`), service: x, midlewares: auth }", "rule=Path(`/p`)", "service=x", "midlewares=auth"),
                refused("a bad priority", "router x priority must be an integer, got 'high'", "router",
                        "{ rule: Path(`/p`), service: x, priority: high }", "rule=Path(`/p`)", "service=x", "priority=high"),
                refused("a domain without main", "router x tls.domains[0] has no main", "router",
                        "{ rule: Path(`/p`), service: x, tls: { domains: [ { sans: [a] } ] } }",
                        "rule=Path(`/p`)", "service=x", "tls.domains[0].sans=a"),
                refused("a mirroring service", "mirroring services are not supported yet", "service",
                        "mirroring: { service: a }", "mirroring.service=a"),
                refused("an unknown load-balancer key", "unknown key 'sever' in loadBalancer", "service",
                        "loadBalancer: { servers: [ { url: \"http://10.0.0.5:8000\" } ], sever: { port: 1 } }",
                        "loadbalancer.sever.port=1"),
                refused("a sticky cookie and a key", "use either cookie or key", "service",
                        "loadBalancer: { servers: [ { url: \"http://10.0.0.5:8000\" } ], sticky: { cookie: {}, key: \"query:s\" } }",
                        "loadbalancer.sticky.cookie=true", "loadbalancer.sticky.key=query:s"),
                refused("a queue without maxInFlight", "needs loadBalancer.server.maxInFlight", "service",
                        "loadBalancer: { servers: [ { url: \"http://10.0.0.5:8000\" } ], queue: { size: 2 } }",
                        "loadbalancer.queue.size=2"),
                refused("a bad duration", "durations look like", "service",
                        "loadBalancer: { servers: [ { url: \"http://10.0.0.5:8000\" } ], healthCheck: { interval: 2 seconds } }",
                        "loadbalancer.healthcheck.interval=2 seconds"),
                refused("a middleware type not implemented", "is not supported yet", "middleware",
                        "replacePath: { path: /x }", "replacePath.path=/x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theFileAndTheLabelsMeanTheSame(Row row) {
        String yaml = "http:\n  " + row.kind() + "s:\n    x:\n" + row.yaml().indent(6);
        HttpConfigDecoder.Result file = HttpConfigDecoder.decode(YamlTree.parse(yaml, "x.yml"), "file");

        List<LabelFixtures.Part> parts = new ArrayList<>(List.of(name("web"), network("ml", "10.0.0.5"), port(8000)));
        for (String l : row.labels()) {
            int eq = l.indexOf('=');
            parts.add(label("traefik.http." + row.kind() + "s.x." + l.substring(0, eq), l.substring(eq + 1)));
        }
        if (!row.kind().equals("service")) {
            // a router or middleware alone still needs the workload's service to be valid labels
            parts.add(label("traefik.http.services.x.loadbalancer.server.port", "8000"));
        }
        ProviderSnapshot labels = new LabelDecoder(LabelSettings.defaults()).decode(
                List.of(workload(parts.toArray(LabelFixtures.Part[]::new))));

        if (row.refusal() != null) {
            assertThat(file.problems()).extracting(Problem::message).as("the file's problems")
                    .anySatisfy(m -> assertThat(m).contains(row.refusal()));
            assertThat(labels.problems()).extracting(Problem::message).as("the labels' problems")
                    .anySatisfy(m -> assertThat(m).contains(row.refusal()));
            assertThat(element(file.config(), row.kind())).as("the file's element").isNull();
            assertThat(element(labels.config(), row.kind())).as("the labels' element").isNull();
            return;
        }
        assertThat(file.problems()).as("the file's problems").isEmpty();
        assertThat(labels.problems()).as("the labels' problems").isEmpty();
        assertThat(element(file.config(), row.kind())).as("the file's element").isNotNull();
        assertThat(element(labels.config(), row.kind())).isEqualTo(element(file.config(), row.kind()));
    }

    private static Object element(RoutingConfig config, String kind) {
        return switch (kind) {
            case "router" -> config.routers().get("x");
            case "service" -> config.services().get("x");
            default -> config.middlewares().get("x");
        };
    }
}
