package io.modelgate.discovery.docker;

import static io.modelgate.discovery.docker.LabelFixtures.compose;
import static io.modelgate.discovery.docker.LabelFixtures.constraints;
import static io.modelgate.discovery.docker.LabelFixtures.defaultNetwork;
import static io.modelgate.discovery.docker.LabelFixtures.defaultRule;
import static io.modelgate.discovery.docker.LabelFixtures.exposedByDefault;
import static io.modelgate.discovery.docker.LabelFixtures.health;
import static io.modelgate.discovery.docker.LabelFixtures.label;
import static io.modelgate.discovery.docker.LabelFixtures.modelMiddlewares;
import static io.modelgate.discovery.docker.LabelFixtures.modelStripPrefix;
import static io.modelgate.discovery.docker.LabelFixtures.name;
import static io.modelgate.discovery.docker.LabelFixtures.network;
import static io.modelgate.discovery.docker.LabelFixtures.port;
import static io.modelgate.discovery.docker.LabelFixtures.prefixes;
import static io.modelgate.discovery.docker.LabelFixtures.settings;
import static io.modelgate.discovery.docker.LabelFixtures.swarmService;
import static io.modelgate.discovery.docker.LabelFixtures.task;
import static io.modelgate.discovery.docker.LabelFixtures.taskOn;
import static io.modelgate.discovery.docker.LabelFixtures.vip;
import static io.modelgate.discovery.docker.LabelFixtures.workload;
import static io.modelgate.discovery.docker.Workload.Health.HEALTHY;
import static io.modelgate.discovery.docker.Workload.Health.NONE;
import static io.modelgate.discovery.docker.Workload.Health.STARTING;
import static io.modelgate.discovery.docker.Workload.Health.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Label sets → {@code @docker} configuration, one table per family of Traefik's Docker provider tests.
 * Expectations come from Traefik v2's documented behaviour and our label spec, not from the output.
 *
 * <p>Each case lists the routers, services and middlewares it expects exactly (as one-line summaries, see
 * {@link LabelFixtures}), and its problems as groups of fragments: every group must match a problem and
 * every problem a group.
 */
class LabelDecoderTest {

    private static final String IP = "10.0.0.5";
    private static final String IP2 = "10.0.0.6";

    // ---------------------------------------------------------------- the table

    /** One row: given these settings and workloads, expect exactly this configuration and these problems. */
    record Case(String name, LabelSettings settings, List<Workload> workloads, List<String> routers,
                List<String> services, List<String> middlewares, List<List<String>> problems) {

        Case settings(LabelSettings s) {
            return new Case(name, s, workloads, routers, services, middlewares, problems);
        }

        Case routers(String... r) {
            return new Case(name, settings, workloads, List.of(r), services, middlewares, problems);
        }

        Case services(String... s) {
            return new Case(name, settings, workloads, routers, List.of(s), middlewares, problems);
        }

        Case middlewares(String... m) {
            return new Case(name, settings, workloads, routers, services, List.of(m), problems);
        }

        /** Adds one expected problem: all fragments occur in it (element, origin or message). */
        Case problem(String... fragments) {
            List<List<String>> p = new ArrayList<>(problems);
            p.add(List.of(fragments));
            return new Case(name, settings, workloads, routers, services, middlewares, p);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case given(String name, Workload... workloads) {
        return new Case(name, LabelSettings.defaults(), List.of(workloads), List.of(), List.of(), List.of(), List.of());
    }

    private static void check(Case c) {
        ProviderSnapshot snapshot = new LabelDecoder(c.settings()).decode(c.workloads());

        assertThat(snapshot.provider()).isEqualTo("docker");
        assertThat(LabelFixtures.routers(snapshot)).as("routers").containsExactlyInAnyOrderElementsOf(c.routers());
        assertThat(LabelFixtures.services(snapshot)).as("services").containsExactlyInAnyOrderElementsOf(c.services());
        assertThat(LabelFixtures.middlewares(snapshot)).as("middlewares").containsExactlyInAnyOrderElementsOf(c.middlewares());

        List<String> problems = snapshot.problems().stream().map(LabelDecoderTest::text).toList();
        assertThat(snapshot.problems()).as("problems").allSatisfy(p -> assertThat(p.provider()).isEqualTo("docker"));
        for (List<String> expected : c.problems()) {
            assertThat(problems).as("a problem with %s among %s", expected, problems)
                    .anySatisfy(p -> assertThat(p).contains(expected));
        }
        for (String p : problems) {
            assertThat(c.problems()).as("unexpected problem: %s", p)
                    .anySatisfy(expected -> assertThat(p).contains(expected));
        }
    }

    private static String text(Problem p) {
        return p.element() + " | " + p.origin() + " | " + p.message();
    }

    // ---------------------------------------------------------------- single container, enable

    static Stream<Case> singleContainer() {
        return Stream.of(
                given("router rule and one exposed port",
                        workload(name("m1"), label("traefik.http.routers.m1.rule", "PathPrefix(`/m1`)"), network("ml", IP), port(8000)))
                        .routers("m1: PathPrefix(`/m1`) -> m1")
                        .services("m1: http://10.0.0.5:8000"),
                given("enable=true alone: implicit router and service with the default rule",
                        workload(name("web"), label("traefik.enable", "true"), network("ml", IP), port(80)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("unlabeled container is not exposed",
                        workload(name("db"), network("ml", IP), port(5432))),
                given("container with foreign labels only is not exposed",
                        workload(name("db"), label("org.opencontainers.image.title", "postgres"), network("ml", IP), port(5432))),
                given("exposedByDefault exposes an unlabeled container",
                        workload(name("web"), network("ml", IP), port(80)))
                        .settings(settings(exposedByDefault()))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("enable=false wins over exposedByDefault",
                        workload(name("web"), label("traefik.enable", "false"), network("ml", IP), port(80)))
                        .settings(settings(exposedByDefault())),
                given("enable=false wins over router labels",
                        workload(name("web"), label("traefik.enable", "false"),
                                label("traefik.http.routers.web.rule", "Host(`a`)"), network("ml", IP), port(80))),
                given("enable that is not a boolean skips the container",
                        workload(name("web"), label("traefik.enable", "yes"), network("ml", IP), port(80)))
                        .problem("container web", "traefik.enable", "yes"),
                given("priority and entrypoints",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                                label("traefik.http.routers.r.priority", "42"),
                                label("traefik.http.routers.r.entrypoints", "web, websecure"), network("ml", IP), port(80)))
                        .routers("r: Host(`a`) -> web priority=42 entrypoints=[web, websecure]")
                        .services("web: http://10.0.0.5:80"),
                given("Traefik v3 rulesyntax label, any case",
                        workload(name("web"), label("traefik.http.routers.r.rule", "PathRegexp(`^/a`)"),
                                label("traefik.http.routers.r.ruleSyntax", "V3"), network("ml", IP), port(80)))
                        .routers("r: PathRegexp(`^/a`) -> web ruleSyntax=v3")
                        .services("web: http://10.0.0.5:80"),
                given("rulesyntax other than v2 or v3: router dropped and reported, service kept",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                                label("traefik.http.routers.r.rulesyntax", "v4"), network("ml", IP), port(80)))
                        .services("web: http://10.0.0.5:80")
                        .problem("router r@docker", "traefik.http.routers.r.rulesyntax", "ruleSyntax 'v4' is not v2 or v3"),
                given("scheme https and passHostHeader false",
                        workload(name("web"), label("traefik.http.services.s.loadbalancer.server.scheme", "https"),
                                label("traefik.http.services.s.loadbalancer.passhostheader", "false"), network("ml", IP), port(443)))
                        .routers("web: Host(`web`) -> s")
                        .services("s: https://10.0.0.5:443 passHostHeader=false"),
                given("scheme h2c (as in Traefik: cleartext HTTP/2), case-insensitive",
                        workload(name("grpc"), label("traefik.http.services.s.loadbalancer.server.scheme", "H2C"),
                                network("ml", IP), port(50051)))
                        .routers("grpc: Host(`grpc`) -> s")
                        .services("s: h2c://10.0.0.5:50051"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void singleContainer(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- implicit and explicit names

    static Stream<Case> naming() {
        return Stream.of(
                given("service label only: implicit router named after the container uses it",
                        workload(name("web"), label("traefik.http.services.api.loadbalancer.server.port", "9000"), network("ml", IP)))
                        .routers("web: Host(`web`) -> api")
                        .services("api: http://10.0.0.5:9000"),
                given("router label only: implicit service named after the container",
                        workload(name("web"), label("traefik.http.routers.api.rule", "PathPrefix(`/api`)"), network("ml", IP), port(80)))
                        .routers("api: PathPrefix(`/api`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("container name is normalized for implicit names and the default rule",
                        workload(name("my_app.v2"), label("traefik.enable", "true"), network("ml", IP), port(80)))
                        .routers("my-app-v2: Host(`my-app-v2`) -> my-app-v2")
                        .services("my-app-v2: http://10.0.0.5:80"),
                given("compose service and project name the implicit router, service and rule",
                        workload(name("shop-web-1"), compose("web", "shop"), label("traefik.enable", "true"), network("ml", IP), port(80)))
                        .routers("web-shop: Host(`web-shop`) -> web-shop")
                        .services("web-shop: http://10.0.0.5:80"),
                given("default rule template from the settings can read labels",
                        workload(name("web"), label("traefik.enable", "true"), label("app.domain", "example.org"), network("ml", IP), port(80)))
                        .settings(settings(defaultRule("Host(`{{ index .Labels \"app.domain\" }}`)")))
                        .routers("web: Host(`example.org`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("a label value that would end the default rule's string drops that router only, with a problem",
                        workload(name("evil"), label("traefik.enable", "true"), label("app.domain", "x`) || PathPrefix(`/"),
                                network("ml", IP), port(80)),
                        workload(name("web"), label("traefik.enable", "true"), label("app.domain", "example.org"),
                                network("ml", IP2), port(80)))
                        .settings(settings(defaultRule("Host(`{{ index .Labels \"app.domain\" }}`)")))
                        .routers("web: Host(`example.org`) -> web")
                        .services("evil: http://10.0.0.5:80", "web: http://10.0.0.6:80")
                        .problem("router evil@docker", "container evil", "label 'app.domain' holds a backtick", "dropped"),
                given("default rule's .Name is the normalized service name, as in Traefik",
                        workload(name("shop-web-1"), compose("web", "shop"), label("traefik.enable", "true"), network("ml", IP), port(80)),
                        workload(name("my_api"), label("traefik.enable", "true"), network("ml", IP2), port(80)))
                        .settings(settings(defaultRule("Host(`{{ .Name }}.local`)")))
                        .routers("web-shop: Host(`web-shop.local`) -> web-shop", "my-api: Host(`my-api.local`) -> my-api")
                        .services("web-shop: http://10.0.0.5:80", "my-api: http://10.0.0.6:80"),
                given("a router without rule gets the default rule",
                        workload(name("web"), label("traefik.http.routers.r.priority", "5"), network("ml", IP), port(80)))
                        .routers("r: Host(`web`) -> web priority=5")
                        .services("web: http://10.0.0.5:80"),
                given("explicit router and service names",
                        workload(name("web"), label("traefik.http.routers.front.rule", "Host(`a`)"),
                                label("traefik.http.routers.front.service", "back"),
                                label("traefik.http.services.back.loadbalancer.server.port", "8080"), network("ml", IP)))
                        .routers("front: Host(`a`) -> back")
                        .services("back: http://10.0.0.5:8080"),
                given("router naming another provider's service still gets the container's implicit service",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                                label("traefik.http.routers.r.service", "api@file"), network("ml", IP), port(80)))
                        .routers("r: Host(`a`) -> api@file")
                        .services("web: http://10.0.0.5:80"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void naming(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- routers and services

    static Stream<Case> routersAndServices() {
        return Stream.of(
                given("two routers share the lone explicit service",
                        workload(name("web"), label("traefik.http.routers.a.rule", "Host(`a`)"),
                                label("traefik.http.routers.b.rule", "Host(`b`)"),
                                label("traefik.http.services.s.loadbalancer.server.port", "8080"), network("ml", IP)))
                        .routers("a: Host(`a`) -> s", "b: Host(`b`) -> s")
                        .services("s: http://10.0.0.5:8080"),
                given("two routers share the implicit service",
                        workload(name("web"), label("traefik.http.routers.a.rule", "Host(`a`)"),
                                label("traefik.http.routers.b.rule", "Host(`b`)"), network("ml", IP), port(80)))
                        .routers("a: Host(`a`) -> web", "b: Host(`b`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("two services and a router without service: the router is dropped and reported",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                                label("traefik.http.services.a.loadbalancer.server.port", "80"),
                                label("traefik.http.services.b.loadbalancer.server.port", "81"), network("ml", IP)))
                        .services("a: http://10.0.0.5:80", "b: http://10.0.0.5:81")
                        .problem("router r@docker", "container web"),
                given("two services, each named by a router",
                        workload(name("web"), label("traefik.http.routers.ra.rule", "Host(`a`)"),
                                label("traefik.http.routers.ra.service", "a"),
                                label("traefik.http.routers.rb.rule", "Host(`b`)"),
                                label("traefik.http.routers.rb.service", "b"),
                                label("traefik.http.services.a.loadbalancer.server.port", "80"),
                                label("traefik.http.services.b.loadbalancer.server.port", "81"), network("ml", IP)))
                        .routers("ra: Host(`a`) -> a", "rb: Host(`b`) -> b")
                        .services("a: http://10.0.0.5:80", "b: http://10.0.0.5:81"),
                given("two services and no router: no implicit router can choose, reported",
                        workload(name("web"), label("traefik.http.services.a.loadbalancer.server.port", "80"),
                                label("traefik.http.services.b.loadbalancer.server.port", "81"), network("ml", IP)))
                        .services("a: http://10.0.0.5:80", "b: http://10.0.0.5:81")
                        .problem("router web@docker", "container web"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void routersAndServices(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- middlewares

    static Stream<Case> middlewares() {
        return Stream.of(
                given("middleware defined and used by a router",
                        workload(name("web"), label("traefik.http.middlewares.strip.stripprefix.prefixes", "/a,/b"),
                                label("traefik.http.routers.r.rule", "PathPrefix(`/a`)"),
                                label("traefik.http.routers.r.middlewares", "strip"), network("ml", IP), port(80)))
                        .routers("r: PathPrefix(`/a`) -> web [strip]")
                        .services("web: http://10.0.0.5:80")
                        .middlewares("strip: stripPrefix [/a, /b]"),
                given("router middlewares keep their order and other providers' names",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                                label("traefik.http.routers.r.middlewares", "auth@file, strip, ratelimit@file"), network("ml", IP), port(80)))
                        .routers("r: Host(`a`) -> web [auth@file, strip, ratelimit@file]")
                        .services("web: http://10.0.0.5:80"),
                given("middleware labels alone enable the container with implicit router and service",
                        workload(name("web"), label("traefik.http.middlewares.strip.stripprefix.prefixes", "/a"), network("ml", IP), port(80)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80")
                        .middlewares("strip: stripPrefix [/a]"),
                given("middleware the decoder rejects is dropped and reported, the rest stays",
                        workload(name("web"), label("traefik.http.middlewares.x.nosuchtype.option", "1"),
                                label("traefik.http.routers.r.rule", "Host(`a`)"), network("ml", IP), port(80)))
                        .routers("r: Host(`a`) -> web")
                        .services("web: http://10.0.0.5:80")
                        .problem("middleware x@docker", "container web", "unknown middleware type"),
                given("middleware with an invalid value is dropped and reported",
                        workload(name("web"), label("traefik.http.middlewares.strip.stripprefix.prefixes", "api"),
                                label("traefik.enable", "true"), network("ml", IP), port(80)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80")
                        .problem("middleware strip@docker", "container web", "must start with '/'"),
                given("identical middleware on two containers merges",
                        workload(name("a"), label("traefik.http.middlewares.strip.stripprefix.prefixes", "/x"),
                                label("traefik.http.routers.a.rule", "Host(`a`)"), network("ml", IP), port(80)),
                        workload(name("b"), label("traefik.http.middlewares.strip.stripprefix.prefixes", "/x"),
                                label("traefik.http.routers.b.rule", "Host(`b`)"), network("ml", IP2), port(80)))
                        .routers("a: Host(`a`) -> a", "b: Host(`b`) -> b")
                        .services("a: http://10.0.0.5:80", "b: http://10.0.0.6:80")
                        .middlewares("strip: stripPrefix [/x]"),
                given("conflicting middleware across containers is dropped, naming both",
                        workload(name("a"), label("traefik.http.middlewares.strip.stripprefix.prefixes", "/x"),
                                label("traefik.http.routers.a.rule", "Host(`a`)"), network("ml", IP), port(80)),
                        workload(name("b"), label("traefik.http.middlewares.strip.stripprefix.prefixes", "/y"),
                                label("traefik.http.routers.b.rule", "Host(`b`)"), network("ml", IP2), port(80)))
                        .routers("a: Host(`a`) -> a", "b: Host(`b`) -> b")
                        .services("a: http://10.0.0.5:80", "b: http://10.0.0.6:80")
                        .problem("middleware strip@docker", "container a", "container b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void middlewares(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- replicas, identical and conflicting definitions

    static Stream<Case> replicas() {
        return Stream.of(
                given("two containers with the same service: one service with both servers",
                        workload(name("api-1"), label("traefik.http.routers.api.rule", "PathPrefix(`/api`)"),
                                label("traefik.http.services.api.loadbalancer.server.port", "8080"), network("ml", IP)),
                        workload(name("api-2"), label("traefik.http.routers.api.rule", "PathPrefix(`/api`)"),
                                label("traefik.http.services.api.loadbalancer.server.port", "8080"), network("ml", IP2)))
                        .routers("api: PathPrefix(`/api`) -> api")
                        .services("api: http://10.0.0.5:8080, http://10.0.0.6:8080"),
                given("compose replicas merge their implicit router and service",
                        workload(name("shop-web-1"), compose("web", "shop"), label("traefik.enable", "true"), network("ml", IP), port(80)),
                        workload(name("shop-web-2"), compose("web", "shop"), label("traefik.enable", "true"), network("ml", IP2), port(80)))
                        .routers("web-shop: Host(`web-shop`) -> web-shop")
                        .services("web-shop: http://10.0.0.5:80, http://10.0.0.6:80"),
                given("replicas on different ports keep both servers",
                        workload(name("api-1"), label("traefik.http.services.api.loadbalancer.server.port", "8080"),
                                label("traefik.http.routers.api.rule", "Host(`a`)"), network("ml", IP)),
                        workload(name("api-2"), label("traefik.http.services.api.loadbalancer.server.port", "9090"),
                                label("traefik.http.routers.api.rule", "Host(`a`)"), network("ml", IP2)))
                        .routers("api: Host(`a`) -> api")
                        .services("api: http://10.0.0.5:8080, http://10.0.0.6:9090"),
                given("conflicting router rules: router dropped naming both containers, service kept",
                        workload(name("api-1"), label("traefik.http.routers.api.rule", "PathPrefix(`/v1`)"),
                                label("traefik.http.services.api.loadbalancer.server.port", "8080"), network("ml", IP)),
                        workload(name("api-2"), label("traefik.http.routers.api.rule", "PathPrefix(`/v2`)"),
                                label("traefik.http.services.api.loadbalancer.server.port", "8080"), network("ml", IP2)))
                        .services("api: http://10.0.0.5:8080, http://10.0.0.6:8080")
                        .problem("router api@docker", "container api-1", "container api-2"),
                given("conflicting router middlewares: router dropped",
                        workload(name("api-1"), label("traefik.http.routers.api.rule", "Host(`a`)"),
                                label("traefik.http.routers.api.middlewares", "auth@file"), network("ml", IP), port(80)),
                        workload(name("api-2"), label("traefik.http.routers.api.rule", "Host(`a`)"), network("ml", IP2), port(80)))
                        .services("api-1: http://10.0.0.5:80", "api-2: http://10.0.0.6:80")
                        .problem("router api@docker", "container api-1", "container api-2"),
                given("conflicting service settings: service dropped naming both containers",
                        workload(name("api-1"), label("traefik.http.routers.api.rule", "Host(`a`)"),
                                label("traefik.http.services.api.loadbalancer.passhostheader", "false"), network("ml", IP), port(80)),
                        workload(name("api-2"), label("traefik.http.routers.api.rule", "Host(`a`)"),
                                label("traefik.http.services.api.loadbalancer.passhostheader", "true"), network("ml", IP2), port(80)))
                        .routers("api: Host(`a`) -> api")
                        .problem("service api@docker", "container api-1", "container api-2"),
                given("a bad replica is skipped, the good one still serves",
                        workload(name("api-1"), label("traefik.http.routers.api.rule", "Host(`a`)"),
                                label("traefik.http.services.api.loadbalancer.server.port", "8080"), network("ml", IP)),
                        workload(name("api-2"), label("traefik.http.routers.api.rule", "Host(`a`)"),
                                label("traefik.htp.services.api.loadbalancer.server.port", "8080"), network("ml", IP2)))
                        .routers("api: Host(`a`) -> api")
                        .services("api: http://10.0.0.5:8080")
                        .problem("container api-2", "traefik.htp.services.api.loadbalancer.server.port"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void replicas(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- unknown and bad keys

    static Stream<Case> unknownAndBadKeys() {
        return Stream.of(
                given("unknown router key: router dropped, reported with the key as written",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                                label("traefik.http.routers.r.Midlewares", "auth@file"), network("ml", IP), port(80)))
                        .services("web: http://10.0.0.5:80")
                        .problem("router r@docker", "container web", "traefik.http.routers.r.Midlewares"),
                given("unknown router key drops only that router",
                        workload(name("web"), label("traefik.http.routers.bad.rul", "Host(`a`)"),
                                label("traefik.http.routers.good.rule", "Host(`b`)"), network("ml", IP), port(80)))
                        .routers("good: Host(`b`) -> web")
                        .services("web: http://10.0.0.5:80")
                        .problem("router bad@docker", "traefik.http.routers.bad.rul"),
                given("unknown service key: service dropped and reported",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                                label("traefik.http.services.s.loadbalancer.sever.port", "80"), network("ml", IP), port(80)))
                        .routers("r: Host(`a`) -> s")
                        .problem("service s@docker", "container web", "traefik.http.services.s.loadbalancer.sever.port"),
                given("unknown top-level key: container skipped, reported with the key",
                        workload(name("web"), label("traefik.enable", "true"),
                                label("traefik.htp.routers.x.rule", "Host(`a`)"), network("ml", IP), port(80)))
                        .problem("container web", "traefik.htp.routers.x.rule"),
                given("unknown top-level key next to valid labels still skips the container",
                        workload(name("web"), label("traefik.http.routers.x.rule", "Host(`a`)"),
                                label("modelgate.docker.netwrok", "ml"), network("ml", IP), port(80)))
                        .problem("container web", "modelgate.docker.netwrok"),
                given("an element name without option is an unknown key",
                        workload(name("web"), label("traefik.http.routers.x", "Host(`a`)"),
                                label("traefik.enable", "true"), network("ml", IP), port(80)))
                        .problem("container web", "traefik.http.routers.x"),
                given("TCP labels are not supported: container skipped and reported",
                        workload(name("db"), label("traefik.tcp.routers.pg.rule", "HostSNI(`*`)"),
                                label("traefik.enable", "true"), network("ml", IP), port(5432)))
                        .problem("container db", "traefik.tcp.routers.pg.rule"),
                given("sticky cookie options configure the service",
                        workload(name("web"), label("traefik.http.services.s.loadbalancer.sticky.cookie.name", "sid"),
                                label("traefik.http.services.s.loadbalancer.sticky.cookie.httponly", "true"),
                                network("ml", IP), port(80)))
                        .routers("web: Host(`web`) -> s")
                        .services("s: http://10.0.0.5:80 sticky=cookie sid"),
                given("sticky key affinity (ours)",
                        workload(name("prodigy"), label("traefik.http.services.s.loadbalancer.sticky.key", "query:session"),
                                network("ml", IP), port(8080)))
                        .routers("prodigy: Host(`prodigy`) -> s")
                        .services("s: http://10.0.0.5:8080 sticky=key query:session"),
                given("a bad sticky key drops the service",
                        workload(name("web"), label("traefik.http.services.s.loadbalancer.sticky.key", "body:x"),
                                network("ml", IP), port(80)))
                        .routers("web: Host(`web`) -> s") // left to the compiler, which disables it: service missing
                        .problem("service s@docker", "traefik.http.services.s.loadbalancer.sticky.key", "must be query:"),
                given("dedicated instances keyed by user by default",
                        workload(name("watchful"), label("traefik.http.services.s.loadbalancer.sticky.dedicated", "true"),
                                network("ml", IP), port(80)))
                        .routers("watchful: Host(`watchful`) -> s")
                        .services("s: http://10.0.0.5:80 sticky=key user"),
                given("a bad dedicated idle drops the service",
                        workload(name("watchful"), label("traefik.http.services.s.loadbalancer.sticky.dedicated", "true"),
                                label("traefik.http.services.s.loadbalancer.sticky.dedicated.idle", "half an hour"),
                                network("ml", IP), port(80)))
                        .routers("watchful: Host(`watchful`) -> s")
                        .problem("service s@docker", "durations look like"),
                given("responseforwarding is not supported yet: reported, service kept",
                        workload(name("web"), label("traefik.http.services.s.loadbalancer.responseforwarding.flushinterval", "100ms"),
                                label("traefik.http.services.s.loadbalancer.server.port", "80"), network("ml", IP)))
                        .routers("web: Host(`web`) -> s")
                        .services("s: http://10.0.0.5:80")
                        .problem("service s@docker", "traefik.http.services.s.loadbalancer.responseforwarding.flushinterval", "not supported yet"),
                given("a bad health-check option: service dropped and reported, named",
                        workload(name("web"), label("traefik.http.services.s.loadbalancer.healthcheck.interval", "often"),
                                label("traefik.http.services.s.loadbalancer.server.port", "80"), network("ml", IP)))
                        .routers("web: Host(`web`) -> s")
                        .problem("service s@docker", "traefik.http.services.s.loadbalancer.healthcheck.interval", "durations look like"),
                given("port that is not a number: service dropped and reported",
                        workload(name("web"), label("traefik.http.services.s.loadbalancer.server.port", "http"),
                                label("traefik.http.routers.r.rule", "Host(`a`)"), network("ml", IP)))
                        .routers("r: Host(`a`) -> s")
                        .problem("service s@docker", "traefik.http.services.s.loadbalancer.server.port", "http"),
                given("port out of range: service dropped and reported",
                        workload(name("web"), label("traefik.http.services.s.loadbalancer.server.port", "70000"),
                                label("traefik.http.routers.r.rule", "Host(`a`)"), network("ml", IP)))
                        .routers("r: Host(`a`) -> s")
                        .problem("service s@docker", "traefik.http.services.s.loadbalancer.server.port", "70000"),
                given("priority that is not an integer: router dropped and reported",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                                label("traefik.http.routers.r.priority", "high"), network("ml", IP), port(80)))
                        .services("web: http://10.0.0.5:80")
                        .problem("router r@docker", "traefik.http.routers.r.priority", "high"),
                given("scheme other than http, https or h2c: service dropped and reported",
                        workload(name("web"), label("traefik.http.services.s.loadbalancer.server.scheme", "ftp"),
                                label("traefik.http.routers.r.rule", "Host(`a`)"), network("ml", IP), port(80)))
                        .routers("r: Host(`a`) -> s")
                        .problem("service s@docker", "traefik.http.services.s.loadbalancer.server.scheme", "ftp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void unknownAndBadKeys(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- port detection

    static Stream<Case> portDetection() {
        return Stream.of(
                given("port label picks one of several exposed ports",
                        workload(name("web"), label("traefik.http.services.web.loadbalancer.server.port", "9090"),
                                network("ml", IP), port(80, 9090)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:9090"),
                given("port label wins over the single exposed port",
                        workload(name("web"), label("traefik.http.services.web.loadbalancer.server.port", "8081"),
                                network("ml", IP), port(8080)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:8081"),
                given("port label on a container that exposes none",
                        workload(name("web"), label("traefik.http.services.web.loadbalancer.server.port", "3000"), network("ml", IP)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:3000"),
                given("several exposed ports and no port label: port is missing",
                        workload(name("web"), label("traefik.enable", "true"), network("ml", IP), port(80, 443)))
                        .problem("service web@docker", "container web", "port is missing"),
                given("no exposed port and no port label: port is missing",
                        workload(name("web"), label("traefik.enable", "true"), network("ml", IP)))
                        .problem("service web@docker", "container web", "port is missing"),
                given("several exposed ports, router label, no port label: service missing, router has none",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"), network("ml", IP), port(80, 443)))
                        .problem("service web@docker", "port is missing")
                        .problem("router r@docker", "container web"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void portDetection(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- network selection

    static Stream<Case> networkSelection() {
        return Stream.of(
                given("the only network is used",
                        workload(name("web"), label("traefik.enable", "true"), network("front", "172.18.0.5"), port(80)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://172.18.0.5:80"),
                given("network label picks one of several networks",
                        workload(name("web"), label("traefik.enable", "true"), label("traefik.docker.network", "ml"),
                                network("front", "172.18.0.5"), network("ml", IP), port(80)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("settings network picks one of several networks",
                        workload(name("web"), label("traefik.enable", "true"),
                                network("front", "172.18.0.5"), network("ml", IP), port(80)))
                        .settings(settings(defaultNetwork("front")))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://172.18.0.5:80"),
                given("network label wins over the settings network",
                        workload(name("web"), label("traefik.enable", "true"), label("traefik.docker.network", "ml"),
                                network("front", "172.18.0.5"), network("ml", IP), port(80)))
                        .settings(settings(defaultNetwork("front")))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("several networks and none chosen: container skipped and reported",
                        workload(name("web"), label("traefik.enable", "true"),
                                network("front", "172.18.0.5"), network("ml", IP), port(80)))
                        .problem("container web", "network"),
                given("labelled network not attached: container skipped and reported with the key",
                        workload(name("web"), label("traefik.enable", "true"), label("traefik.docker.network", "backend"),
                                network("ml", IP), port(80)))
                        .problem("container web", "traefik.docker.network", "backend"),
                given("settings network not attached: container skipped and reported",
                        workload(name("web"), label("traefik.enable", "true"), network("ml", IP), port(80)))
                        .settings(settings(defaultNetwork("backend")))
                        .problem("container web", "backend"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void networkSelection(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- health

    static Stream<Case> healthStates() {
        return Stream.of(
                given("no health check: served",
                        workload(name("web"), label("traefik.enable", "true"), network("ml", IP), port(80), health(NONE)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("healthy: served",
                        workload(name("web"), label("traefik.enable", "true"), network("ml", IP), port(80), health(HEALTHY)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("starting: no traffic, the service stays without servers",
                        workload(name("web"), label("traefik.enable", "true"), network("ml", IP), port(80), health(STARTING)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: no servers"),
                given("unhealthy: no traffic",
                        workload(name("web"), label("traefik.enable", "true"), network("ml", IP), port(80), health(UNHEALTHY)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: no servers"),
                given("replicas: only the healthy one gets traffic",
                        workload(name("api-1"), label("traefik.http.routers.api.rule", "Host(`a`)"),
                                label("traefik.http.services.api.loadbalancer.server.port", "80"), network("ml", IP), health(HEALTHY)),
                        workload(name("api-2"), label("traefik.http.routers.api.rule", "Host(`a`)"),
                                label("traefik.http.services.api.loadbalancer.server.port", "80"), network("ml", IP2), health(STARTING)))
                        .routers("api: Host(`a`) -> api")
                        .services("api: http://10.0.0.5:80"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void healthStates(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- constraints

    static Stream<Case> constrained() {
        return Stream.of(
                given("Label constraint keeps matching workloads and silently ignores the rest",
                        workload(name("a"), label("team", "ml"), label("traefik.enable", "true"), network("ml", IP), port(80)),
                        workload(name("b"), label("team", "web"), label("traefik.enable", "true"), network("ml", IP2), port(80)))
                        .settings(settings(constraints("Label(`team`,`ml`)")))
                        .routers("a: Host(`a`) -> a")
                        .services("a: http://10.0.0.5:80"),
                given("negated constraint",
                        workload(name("a"), label("team", "ml"), label("traefik.enable", "true"), network("ml", IP), port(80)),
                        workload(name("b"), label("traefik.enable", "true"), network("ml", IP2), port(80)))
                        .settings(settings(constraints("!Label(`team`,`ml`)")))
                        .routers("b: Host(`b`) -> b")
                        .services("b: http://10.0.0.6:80"),
                given("constraints filter before label checks: a bad workload outside them is not reported",
                        workload(name("a"), label("traefik.enable", "maybe"), network("ml", IP), port(80)))
                        .settings(settings(constraints("Label(`team`,`ml`)"))),
                given("LabelRegex searches the value like Go's regexp.MatchString",
                        workload(name("a"), label("env", "production"), label("traefik.enable", "true"), network("ml", IP), port(80)),
                        workload(name("b"), label("env", "staging"), label("traefik.enable", "true"), network("ml", IP2), port(80)))
                        .settings(settings(constraints("LabelRegex(`env`,`prod`)")))
                        .routers("a: Host(`a`) -> a")
                        .services("a: http://10.0.0.5:80"),
                given("and, or and parentheses",
                        workload(name("a"), label("team", "ml"), label("env", "prod"), label("traefik.enable", "true"), network("ml", IP), port(80)),
                        workload(name("b"), label("team", "ml"), label("env", "dev"), label("traefik.enable", "true"), network("ml", IP2), port(80)),
                        workload(name("c"), label("team", "ops"), label("traefik.enable", "true"), network("ml", "10.0.0.7"), port(80)))
                        .settings(settings(constraints("Label(`team`,`ml`) && (Label(`env`,`prod`) || Label(`env`,`staging`))")))
                        .routers("a: Host(`a`) -> a")
                        .services("a: http://10.0.0.5:80"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void constrained(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- swarm

    static Stream<Case> swarm() {
        return Stream.of(
                given("swarm service: servers are the running tasks' IPs, not the VIP",
                        swarmService(name("llm"), label("traefik.http.routers.llm.rule", "PathPrefix(`/llm`)"),
                                label("traefik.http.services.llm.loadbalancer.server.port", "8000"),
                                task("10.0.1.3"), task("10.0.1.4"), vip("ml", "10.0.1.2")))
                        .routers("llm: PathPrefix(`/llm`) -> llm")
                        .services("llm: http://10.0.1.3:8000, http://10.0.1.4:8000"),
                given("swarm lbswarm=true: the VIP of the chosen network",
                        swarmService(name("llm"), label("traefik.http.routers.llm.rule", "PathPrefix(`/llm`)"),
                                label("traefik.http.services.llm.loadbalancer.server.port", "8000"),
                                label("traefik.docker.lbswarm", "true"), label("traefik.docker.network", "ml"),
                                taskOn(Map.of("ml", "10.0.1.3", "ingress", "10.255.0.3"), NONE),
                                vip("ml", "10.0.1.2"), vip("ingress", "10.255.0.2")))
                        .routers("llm: PathPrefix(`/llm`) -> llm")
                        .services("llm: http://10.0.1.2:8000"),
                given("Traefik v3 swarm.lbswarm and swarm.network: the VIP of that network",
                        swarmService(name("llm"), label("traefik.http.routers.llm.rule", "PathPrefix(`/llm`)"),
                                label("traefik.http.services.llm.loadbalancer.server.port", "8000"),
                                label("traefik.swarm.lbswarm", "true"), label("traefik.swarm.network", "ml"),
                                taskOn(Map.of("ml", "10.0.1.3", "ingress", "10.255.0.3"), NONE),
                                vip("ml", "10.0.1.2"), vip("ingress", "10.255.0.2")))
                        .routers("llm: PathPrefix(`/llm`) -> llm")
                        .services("llm: http://10.0.1.2:8000"),
                given("Traefik v3 swarm.network picks the task network",
                        swarmService(name("llm"), label("traefik.enable", "true"),
                                label("traefik.http.services.llm.loadbalancer.server.port", "8000"),
                                label("traefik.swarm.network", "ml"),
                                taskOn(Map.of("ml", "10.0.1.3", "ingress", "10.255.0.3"), NONE)))
                        .routers("llm: Host(`llm`) -> llm")
                        .services("llm: http://10.0.1.3:8000"),
                given("swarm.network and docker.network disagree: service skipped and reported",
                        swarmService(name("llm"), label("traefik.enable", "true"),
                                label("traefik.http.services.llm.loadbalancer.server.port", "8000"),
                                label("traefik.swarm.network", "ml"), label("traefik.docker.network", "ingress"),
                                taskOn(Map.of("ml", "10.0.1.3", "ingress", "10.255.0.3"), NONE)))
                        .problem("service llm", "traefik.swarm.network", "disagrees with traefik.docker.network"),
                given("swarm.network on a plain container works like docker.network",
                        workload(name("web"), label("traefik.enable", "true"), label("traefik.swarm.network", "ml"),
                                network("front", "172.18.0.5"), network("ml", IP), port(80)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("swarm lbswarm=false: tasks as without it",
                        swarmService(name("llm"), label("traefik.enable", "true"),
                                label("traefik.http.services.llm.loadbalancer.server.port", "8000"),
                                label("traefik.docker.lbswarm", "false"), task("10.0.1.3"), vip("ml", "10.0.1.2")))
                        .routers("llm: Host(`llm`) -> llm")
                        .services("llm: http://10.0.1.3:8000"),
                given("swarm without port label: port is missing, service skipped (exposed ports not used)",
                        swarmService(name("llm"), label("traefik.enable", "true"), task("10.0.1.3"), port(8000)))
                        .problem("service llm@docker", "service llm", "port is missing"),
                given("swarm task health: starting and unhealthy tasks get no traffic",
                        swarmService(name("llm"), label("traefik.enable", "true"),
                                label("traefik.http.services.llm.loadbalancer.server.port", "8000"),
                                task("10.0.1.3", HEALTHY), task("10.0.1.4", STARTING), task("10.0.1.5", UNHEALTHY)))
                        .routers("llm: Host(`llm`) -> llm")
                        .services("llm: http://10.0.1.3:8000"),
                given("swarm tasks on several networks: the labelled one",
                        swarmService(name("llm"), label("traefik.enable", "true"), label("traefik.docker.network", "ml"),
                                label("traefik.http.services.llm.loadbalancer.server.port", "8000"),
                                taskOn(Map.of("ml", "10.0.1.3", "ingress", "10.255.0.3"), NONE),
                                taskOn(Map.of("ml", "10.0.1.4", "ingress", "10.255.0.4"), NONE)))
                        .routers("llm: Host(`llm`) -> llm")
                        .services("llm: http://10.0.1.3:8000, http://10.0.1.4:8000"),
                given("swarm service ignores compose labels for its implicit name",
                        swarmService(name("stack_llm"), compose("llm", "stack"), label("traefik.enable", "true"),
                                label("traefik.http.services.stack-llm.loadbalancer.server.port", "8000"), task("10.0.1.3")))
                        .routers("stack-llm: Host(`stack-llm`) -> stack-llm")
                        .services("stack-llm: http://10.0.1.3:8000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void swarm(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- model convention

    static Stream<Case> modelConvention() {
        return Stream.of(
                given("model label alone: model router and service, no Host router",
                        workload(name("llama-1"), label("modelgate.model", "llama"), network("ml", IP), port(8000)))
                        .routers("model-llama: PathPrefix(`/api/v1/llama`) -> model-llama")
                        .services("model-llama: http://10.0.0.5:8000"),
                given("model service spans every workload with the same model",
                        workload(name("llama-1"), label("modelgate.model", "llama"), network("ml", IP), port(8000)),
                        workload(name("llama-2"), label("modelgate.model", "llama"), network("ml", IP2), port(8000)),
                        workload(name("mistral-1"), label("modelgate.model", "mistral"), network("ml", "10.0.0.7"), port(8000)))
                        .routers("model-llama: PathPrefix(`/api/v1/llama`) -> model-llama",
                                "model-mistral: PathPrefix(`/api/v1/mistral`) -> model-mistral")
                        .services("model-llama: http://10.0.0.5:8000, http://10.0.0.6:8000",
                                "model-mistral: http://10.0.0.7:8000"),
                given("model middlewares from the settings",
                        workload(name("llama-1"), label("modelgate.model", "llama"), network("ml", IP), port(8000)))
                        .settings(settings(modelMiddlewares("auth@file", "ratelimit@file")))
                        .routers("model-llama: PathPrefix(`/api/v1/llama`) -> model-llama [auth@file, ratelimit@file]")
                        .services("model-llama: http://10.0.0.5:8000"),
                given("modelStripPrefix adds the strip middleware first",
                        workload(name("llama-1"), label("modelgate.model", "llama"), network("ml", IP), port(8000)))
                        .settings(settings(modelMiddlewares("auth@file"), modelStripPrefix()))
                        .routers("model-llama: PathPrefix(`/api/v1/llama`) -> model-llama [model-llama-strip, auth@file]")
                        .services("model-llama: http://10.0.0.5:8000")
                        .middlewares("model-llama-strip: stripPrefix [/api/v1/llama]"),
                given("model next to an explicit router: both routes",
                        workload(name("llama-1"), label("modelgate.model", "llama"),
                                label("traefik.http.routers.chat.rule", "Host(`chat`)"), network("ml", IP), port(8000)))
                        .routers("chat: Host(`chat`) -> llama-1",
                                "model-llama: PathPrefix(`/api/v1/llama`) -> model-llama")
                        .services("llama-1: http://10.0.0.5:8000", "model-llama: http://10.0.0.5:8000"),
                given("model on a multi-port container: the port label of its model service",
                        workload(name("llama-1"), label("modelgate.model", "llama"),
                                label("modelgate.http.services.model-llama.loadbalancer.server.port", "8000"),
                                network("ml", IP), port(8000, 9090)))
                        .routers("model-llama: PathPrefix(`/api/v1/llama`) -> model-llama")
                        .services("model-llama: http://10.0.0.5:8000"),
                given("model on a swarm service: tasks on the port label of its model service",
                        swarmService(name("llm"), label("modelgate.model", "llama"),
                                label("modelgate.http.services.model-llama.loadbalancer.server.port", "8000"),
                                task("10.0.1.3"), task("10.0.1.4"), vip("ml", "10.0.1.2")))
                        .routers("model-llama: PathPrefix(`/api/v1/llama`) -> model-llama")
                        .services("model-llama: http://10.0.1.3:8000, http://10.0.1.4:8000"),
                given("a router may name the model service",
                        workload(name("llama-1"), label("modelgate.model", "llama"),
                                label("traefik.http.routers.chat.rule", "Host(`chat`)"),
                                label("traefik.http.routers.chat.service", "model-llama"), network("ml", IP), port(8000)))
                        .routers("chat: Host(`chat`) -> model-llama",
                                "model-llama: PathPrefix(`/api/v1/llama`) -> model-llama")
                        .services("llama-1: http://10.0.0.5:8000", "model-llama: http://10.0.0.5:8000"),
                given("model on a swarm service without port label: port is missing",
                        swarmService(name("llm"), label("modelgate.model", "llama"), task("10.0.1.3")))
                        .problem("service model-llama@docker", "service llm", "port is missing: set modelgate.model.port"),
                given("modelgate.model.port is the shorthand for the model's port",
                        swarmService(name("llm"), label("modelgate.model", "llama"), label("modelgate.model.port", "8000"),
                                task("10.0.1.3")))
                        .routers("model-llama: PathPrefix(`/api/v1/llama`) -> model-llama")
                        .services("model-llama: http://10.0.1.3:8000"),
                given("the model service's own port label wins over the shorthand",
                        workload(name("llama-1"), label("modelgate.model", "llama"), label("modelgate.model.port", "9000"),
                                label("modelgate.http.services.model-llama.loadbalancer.server.port", "8000"),
                                network("ml", IP), port(8000), port(9000)))
                        .routers("model-llama: PathPrefix(`/api/v1/llama`) -> model-llama")
                        .services("model-llama: http://10.0.0.5:8000"),
                given("model with starting instance: route exists without servers",
                        workload(name("llama-1"), label("modelgate.model", "llama"), network("ml", IP), port(8000), health(STARTING)))
                        .routers("model-llama: PathPrefix(`/api/v1/llama`) -> model-llama")
                        .services("model-llama: no servers"),
                given("invalid model name: container skipped, reported with the key",
                        workload(name("llama-1"), label("modelgate.model", "llama 3!"), network("ml", IP), port(8000)))
                        .problem("container llama-1", "modelgate.model", "llama 3!"),
                given("traefik.model is not the model convention",
                        workload(name("llama-1"), label("traefik.model", "llama"), network("ml", IP), port(8000))),
                given("enable=false switches the model convention off",
                        workload(name("llama-1"), label("modelgate.model", "llama"), label("modelgate.enable", "false"),
                                network("ml", IP), port(8000))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void modelConvention(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- mixed case, both prefixes

    static Stream<Case> casesAndPrefixes() {
        return Stream.of(
                given("mixed-case keys: fixed parts case-insensitive, element names keep case",
                        workload(name("web"), label("Traefik.HTTP.Routers.MyRouter.Rule", "PathPrefix(`/x`)"),
                                label("TRAEFIK.http.services.MySvc.LoadBalancer.Server.Port", "8080"), network("ml", IP)))
                        .routers("MyRouter: PathPrefix(`/x`) -> MySvc")
                        .services("MySvc: http://10.0.0.5:8080"),
                given("mixed-case enable key and value",
                        workload(name("web"), label("Traefik.Enable", "TRUE"), network("ml", IP), port(80)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("mixed-case model prefix",
                        workload(name("llama-1"), label("ModelGate.Model", "llama"), network("ml", IP), port(8000)))
                        .routers("model-llama: PathPrefix(`/api/v1/llama`) -> model-llama")
                        .services("model-llama: http://10.0.0.5:8000"),
                given("same key under both prefixes: modelgate wins",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`old`)"),
                                label("modelgate.http.routers.r.rule", "Host(`new`)"), network("ml", IP), port(80)))
                        .routers("r: Host(`new`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("same key under both prefixes in other case: modelgate wins",
                        workload(name("web"), label("modelgate.HTTP.routers.r.Rule", "Host(`new`)"),
                                label("Traefik.http.routers.r.rule", "Host(`old`)"), network("ml", IP), port(80)))
                        .routers("r: Host(`new`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("keys of one element combine across prefixes",
                        workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                                label("modelgate.http.routers.r.middlewares", "auth@file"), network("ml", IP), port(80)))
                        .routers("r: Host(`a`) -> web [auth@file]")
                        .services("web: http://10.0.0.5:80"),
                given("modelgate.enable=false wins over traefik.enable=true",
                        workload(name("web"), label("traefik.enable", "true"), label("modelgate.enable", "false"),
                                network("ml", IP), port(80))),
                given("modelgate.docker.network wins over traefik.docker.network",
                        workload(name("web"), label("traefik.enable", "true"), label("traefik.docker.network", "front"),
                                label("modelgate.docker.network", "ml"), network("front", "172.18.0.5"), network("ml", IP), port(80)))
                        .routers("web: Host(`web`) -> web")
                        .services("web: http://10.0.0.5:80"),
                given("only the configured prefixes count",
                        workload(name("web"), label("modelgate.http.routers.r.rule", "Host(`a`)"), network("ml", IP), port(80)),
                        workload(name("api"), label("traefik.http.routers.api.rule", "Host(`b`)"), network("ml", IP2), port(80)))
                        .settings(settings(prefixes("traefik")))
                        .routers("api: Host(`b`) -> api")
                        .services("api: http://10.0.0.6:80"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void casesAndPrefixes(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------- focused

    @Test
    void problemNamesProviderElementAndLabelKeyAsWritten() {
        ProviderSnapshot s = new LabelDecoder(LabelSettings.defaults()).decode(List.of(
                workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                        label("traefik.HTTP.routers.r.Rulez", "x"), network("ml", IP), port(80))));

        assertThat(s.problems()).singleElement().satisfies(p -> {
            assertThat(p.provider()).isEqualTo("docker");
            assertThat(p.element()).isEqualTo("router r@docker");
            assertThat(p.origin()).contains("container web").contains("traefik.HTTP.routers.r.Rulez");
        });
    }

    @Test
    void weightedServicesAreRefusedInLabelsAsInTraefik() {
        ProviderSnapshot s = new LabelDecoder(LabelSettings.defaults()).decode(List.of(
                workload(name("web"), label("traefik.http.routers.r.rule", "Host(`a`)"),
                        label("traefik.http.services.canary.weighted.services[0].name", "v1"), network("ml", IP), port(80))));

        assertThat(s.config().services()).doesNotContainKey("canary");
        assertThat(s.problems()).extracting(Problem::message)
                .anySatisfy(m -> assertThat(m).contains("weighted services are written in a file, not in labels"));
    }

    @Test
    void swarmProblemsNameTheService() {
        ProviderSnapshot s = new LabelDecoder(LabelSettings.defaults()).decode(List.of(
                swarmService(name("llm"), label("traefik.htp.routers.r.rule", "x"), label("traefik.enable", "true"), task("10.0.1.3"))));

        assertThat(s.problems()).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("service llm");
            assertThat(p.origin()).contains("service llm").contains("traefik.htp.routers.r.rule");
        });
    }

    @Test
    void originsNameTheWorkloadsThatDefinedEachElement() {
        ProviderSnapshot s = new LabelDecoder(LabelSettings.defaults()).decode(List.of(
                workload(name("api-1"), label("traefik.http.routers.api.rule", "Host(`a`)"), network("ml", IP), port(80),
                        label("traefik.http.services.api.loadbalancer.server.port", "80")),
                workload(name("api-2"), label("traefik.http.routers.api.rule", "Host(`a`)"), network("ml", IP2), port(80),
                        label("traefik.http.services.api.loadbalancer.server.port", "80"))));

        assertThat(s.config().origin("router", "api")).contains("container api-1").contains("container api-2");
        assertThat(s.config().origin("service", "api")).contains("container api-1").contains("container api-2");
    }

    @Test
    void decodingDoesNotDependOnWorkloadOrder() {
        Workload a = workload(name("api-1"), label("traefik.http.routers.api.rule", "Host(`a`)"), network("ml", IP), port(80),
                label("traefik.http.services.api.loadbalancer.server.port", "80"));
        Workload b = workload(name("api-2"), label("traefik.http.routers.api.rule", "Host(`b`)"), network("ml", IP2), port(80),
                label("traefik.http.services.api.loadbalancer.server.port", "80"));
        LabelDecoder decoder = new LabelDecoder(LabelSettings.defaults());

        assertThat(decoder.decode(List.of(a, b))).isEqualTo(decoder.decode(List.of(b, a)));
    }

    @Test
    void healthCheckLabelsOnEveryReplicaMakeOneCheckedService() {
        Workload a = workload(name("prodigy-1"), network("ml", IP), port(8080),
                label("traefik.http.services.p.loadbalancer.healthcheck.path", "/health"),
                label("traefik.http.services.p.loadbalancer.healthcheck.interval", "5s"),
                label("traefik.http.services.p.loadbalancer.healthcheck.headers.X-Probe", "gw"),
                label("traefik.http.services.p.loadbalancer.passivehealthcheck.maxfailedattempts", "3"));
        Workload b = workload(name("prodigy-2"), network("ml", IP2), port(8080),
                label("traefik.http.services.p.loadbalancer.healthcheck.path", "/health"),
                label("traefik.http.services.p.loadbalancer.healthcheck.interval", "5s"),
                label("traefik.http.services.p.loadbalancer.healthcheck.headers.X-Probe", "gw"),
                label("traefik.http.services.p.loadbalancer.passivehealthcheck.maxfailedattempts", "3"));
        var s = new LabelDecoder(LabelSettings.defaults()).decode(List.of(a, b));
        var lb = s.config().services().get("p").loadBalancer();
        assertThat(lb.servers()).hasSize(2);
        assertThat(lb.healthCheck().path()).isEqualTo("/health");
        assertThat(lb.healthCheck().interval()).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(lb.healthCheck().headers()).as("a header name keeps its case, as in a file").containsEntry("X-Probe", "gw");
        assertThat(lb.passiveHealthCheck().maxFailedAttempts()).isEqualTo(3);
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void badConstraintsOrDefaultRuleFailAtStartUp() {
        assertThatThrownBy(() -> new LabelDecoder(settings(constraints("Label(`a`"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("constraints");
        assertThatThrownBy(() -> new LabelDecoder(settings(defaultRule("Host(`{{ .Labels.x }}`)"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("default-rule");
    }

    @Test
    void normalizeIsTraefiksNormalize() {
        assertThat(LabelDecoder.normalize("my_app.v2")).isEqualTo("my-app-v2");
        assertThat(LabelDecoder.normalize("/web")).isEqualTo("web");
        assertThat(LabelDecoder.normalize("a--b__c")).isEqualTo("a-b-c");
        assertThat(LabelDecoder.normalize("café_1")).isEqualTo("café-1");
    }
}
