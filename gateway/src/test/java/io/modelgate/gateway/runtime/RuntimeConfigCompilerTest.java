package io.modelgate.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.ChainSpec;
import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.discovery.rule.RequestFacts;
import io.modelgate.gateway.middleware.errors.ErrorsMiddleware;
import io.modelgate.gateway.middleware.headers.HeadersMiddleware;
import io.modelgate.gateway.lb.sticky.LeaseRegistry;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import io.modelgate.gateway.middleware.stripprefix.StripPrefixMiddleware;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Snapshots in, compiled configuration out: references, statuses, problems, fail-closed routers. */
class RuntimeConfigCompilerTest {

    private final RuntimeConfigCompiler compiler = new RuntimeConfigCompiler(Set.of("web"),
            new io.modelgate.gateway.lb.sticky.StickyCookies("test-secret-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    // ---- tiny fixture builders

    static Snapshot provider(String name) {
        return new Snapshot(name);
    }

    static final class Snapshot {
        final String provider;
        final Map<String, RouterSpec> routers = new LinkedHashMap<>();
        final Map<String, ServiceSpec> services = new LinkedHashMap<>();
        final Map<String, MiddlewareSpec> middlewares = new LinkedHashMap<>();

        Snapshot(String provider) {
            this.provider = provider;
        }

        Snapshot router(String name, String rule, String service, String... middlewares) {
            routers.put(name, new RouterSpec(rule, null, List.of(middlewares), service, List.of()));
            return this;
        }

        Snapshot router(String name, RouterSpec spec) {
            routers.put(name, spec);
            return this;
        }

        Snapshot service(String name, String... urls) {
            services.put(name, new ServiceSpec(new LoadBalancerSpec(
                    java.util.Arrays.stream(urls).map(ServerSpec::of).toList(), true)));
            return this;
        }

        Snapshot middleware(String name, MiddlewareSpec spec) {
            middlewares.put(name, spec);
            return this;
        }

        ProviderSnapshot build() {
            return new ProviderSnapshot(provider, new RoutingConfig(routers, services, middlewares,
                    Map.of("router:r", provider + ".yml:3")), List.of());
        }
    }

    static RequestFacts request(String host, String path) {
        return new RequestFacts() {
            public String host() { return host; }
            public String path() { return path; }
            public String method() { return "GET"; }
            public List<String> headers(String name) { return List.of(); }
            public List<String> queryParams(String name) { return List.of(); }
            public InetAddress clientAddress() { return InetAddress.getLoopbackAddress(); }
        };
    }

    private RuntimeConfig compile(Snapshot... snapshots) {
        return compiler.compile(java.util.Arrays.stream(snapshots).map(Snapshot::build).toList());
    }

    // ---- tests

    @Test
    void namesAreQualifiedByProviderAndRoutesWork() {
        RuntimeConfig c = compile(provider("file").router("r", "PathPrefix(`/m`)", "s").service("s", "http://10.0.0.1:8000"));
        assertThat(c.routers()).containsOnlyKeys("r@file");
        assertThat(c.routers().get("r@file").service()).isEqualTo("s@file");
        assertThat(c.routers().get("r@file").status()).isEqualTo(ElementStatus.ENABLED);
        Route route = c.route(request("any", "/m/predict"));
        assertThat(route.router()).isEqualTo("r@file");
        assertThat(route.service().pools().get(0).roundRobin().pick(null).url()).isEqualTo("http://10.0.0.1:8000");
        assertThat(c.route(request("any", "/other"))).isNull();
    }

    @Test
    void referencesAcrossProvidersResolve() {
        RuntimeConfig c = compile(
                provider("docker").router("r", "PathPrefix(`/m`)", "s@file", "strip@file"),
                provider("file").service("s", "http://10.0.0.1").middleware("strip", new StripPrefixSpec(List.of("/m"))));
        assertThat(c.routers().get("r@docker").status().status()).isEqualTo("enabled");
        assertThat(c.route(request("h", "/m")).middlewares()).singleElement().isInstanceOf(StripPrefixMiddleware.class);
        assertThat(c.middlewares().get("strip@file").usedBy()).containsExactly("r@docker");
        assertThat(c.services().get("s@file").usedBy()).containsExactly("r@docker");
    }

    @Test
    void theApiListsTheEntryPointsARouterIsServedOn() {
        RuntimeConfigCompiler two = new RuntimeConfigCompiler(Set.of("web", "websecure"),
                new StickyCookies("test-secret-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        RuntimeConfig c = two.compile(List.of(provider("file").router("all", "PathPrefix(`/m`)", "s")
                .router("one", new RouterSpec("PathPrefix(`/o`)", null, List.of(), "s", List.of("websecure")))
                .service("s", "http://10.0.0.1:8000").build()));
        assertThat(c.routers().get("all@file").entryPoints()).containsExactlyInAnyOrder("web", "websecure");
        assertThat(c.routers().get("one@file").entryPoints()).containsExactly("websecure");
    }

    @Test
    void missingServiceDisablesTheRouterAndIsReportedWithItsOrigin() {
        RuntimeConfig c = compile(provider("file").router("r", "PathPrefix(`/m`)", "nope"));
        RouterView r = c.routers().get("r@file");
        assertThat(r.status().status()).isEqualTo("disabled");
        assertThat(r.status().errors()).containsExactly("service nope@file does not exist");
        assertThat(c.problems()).containsExactly(new Problem("file", "router r@file", "file.yml:3",
                "service nope@file does not exist"));
        assertThat(c.route(request("h", "/m"))).isNull();
    }

    @Test
    void aReferenceToAnElementItsProviderRefusedSaysWhy() {
        ProviderSnapshot file = provider("file").router("r", "PathPrefix(`/m`)", "s", "gz").build();
        RuntimeConfig c = compile(List.of(new ProviderSnapshot("file", file.config(), List.of(
                new Problem("file", "middleware gz@file", "file.yml:9", "middleware type 'compress' is not supported yet"),
                new Problem("file", "service s@file", "file.yml:12", "service s has no loadBalancer")))));
        assertThat(c.routers().get("r@file").status().errors()).containsExactly(
                "service s@file is disabled: service s has no loadBalancer",
                "middleware gz@file is disabled: middleware type 'compress' is not supported yet");
    }

    private RuntimeConfig compile(List<ProviderSnapshot> snapshots) {
        return compiler.compile(snapshots);
    }

    @Test
    void missingMiddlewareFailsClosed() {
        RuntimeConfig c = compile(provider("file").router("r", "PathPrefix(`/m`)", "s", "auth").service("s", "http://10.0.0.1"));
        assertThat(c.routers().get("r@file").status().errors()).containsExactly("middleware auth@file does not exist");
        assertThat(c.route(request("h", "/m"))).as("no route rather than a route without its middleware").isNull();
    }

    @Test
    void badRuleDisablesOnlyThatRouter() {
        RuntimeConfig c = compile(provider("file")
                .router("bad", "PathPrefix(`/m`) &&", "s")
                .router("good", "PathPrefix(`/g`)", "s")
                .service("s", "http://10.0.0.1"));
        assertThat(c.routers().get("bad@file").status().status()).isEqualTo("disabled");
        assertThat(c.routers().get("bad@file").status().errors().getFirst()).startsWith("rule: ").contains("position");
        assertThat(c.route(request("h", "/g")).router()).isEqualTo("good@file");
    }

    @Test
    void unknownEntryPointDisablesTheRouter() {
        RuntimeConfig c = compile(provider("file")
                .router("r", new RouterSpec("PathPrefix(`/m`)", null, List.of(), "s", List.of("websecure")))
                .service("s", "http://10.0.0.1"));
        assertThat(c.routers().get("r@file").status().errors())
                .containsExactly("entry point 'websecure' does not exist (known: web)");
    }

    @Test
    void chainsAreFlattenedInOrder() {
        RuntimeConfig c = compile(provider("file")
                .router("r", "PathPrefix(`/m`)", "s", "outer")
                .service("s", "http://10.0.0.1")
                .middleware("outer", new ChainSpec(List.of("strip", "inner")))
                .middleware("inner", new ChainSpec(List.of("hdr")))
                .middleware("strip", new StripPrefixSpec(List.of("/m")))
                .middleware("hdr", new HeadersSpec(Map.of("X-A", "1"), Map.of())));
        assertThat(c.route(request("h", "/m")).middlewares())
                .hasExactlyElementsOfTypes(StripPrefixMiddleware.class, HeadersMiddleware.class);
    }

    @Test
    void chainCyclesAreReportedAndItsRoutersDisabled() {
        RuntimeConfig c = compile(provider("file")
                .router("r", "PathPrefix(`/m`)", "s", "a")
                .service("s", "http://10.0.0.1")
                .middleware("a", new ChainSpec(List.of("b")))
                .middleware("b", new ChainSpec(List.of("a"))));
        assertThat(c.middlewares().get("a@file").status().errors()).anySatisfy(e -> assertThat(e).startsWith("chain cycle"));
        assertThat(c.routers().get("r@file").status().errors()).containsExactly("middleware a@file is disabled");
    }

    @Test
    void unusableServerUrlDisablesTheServiceAndItsRouters() {
        RuntimeConfig c = compile(provider("file").router("r", "PathPrefix(`/m`)", "s").service("s", "ftp://10.0.0.1"));
        assertThat(c.services().get("s@file").status().errors()).containsExactly("server url 'ftp://10.0.0.1' must be http://, https:// or h2c://");
        assertThat(c.routers().get("r@file").status().errors()).containsExactly("service s@file is disabled");
    }

    @Test
    void serviceWithoutServersIsAWarningAndStillRoutes() {
        RuntimeConfig c = compile(provider("file").router("r", "PathPrefix(`/m`)", "s").service("s"));
        assertThat(c.services().get("s@file").status().status()).isEqualTo("warning");
        assertThat(c.route(request("h", "/m")).service().isEmpty()).isTrue();
    }

    @Test
    void providerProblemsArePassedThrough() {
        Problem p = new Problem("file", "router x@file", "routes.yml:9", "unknown key 'rulle'");
        RuntimeConfig c = compiler.compile(List.of(new ProviderSnapshot("file", RoutingConfig.EMPTY, List.of(p))));
        assertThat(c.problems()).containsExactly(p);
    }

    @Test
    void longerRuleWinsByDefaultPriorityAndExplicitPriorityOverrides() {
        RuntimeConfig c = compile(provider("file")
                .router("short", "PathPrefix(`/m`)", "s")
                .router("long", "PathPrefix(`/m/special`)", "s")
                .service("s", "http://10.0.0.1"));
        assertThat(c.route(request("h", "/m/special/x")).router()).isEqualTo("long@file");
        assertThat(c.route(request("h", "/m/other")).router()).isEqualTo("short@file");

        RuntimeConfig forced = compile(provider("file")
                .router("short", new RouterSpec("PathPrefix(`/m`)", 1000, List.of(), "s", List.of()))
                .router("long", "PathPrefix(`/m/special`)", "s")
                .service("s", "http://10.0.0.1"));
        assertThat(forced.route(request("h", "/m/special/x")).router()).isEqualTo("short@file");
    }

    // ---- errors middleware

    private static io.modelgate.discovery.config.ErrorsSpec errors(String service) {
        return new io.modelgate.discovery.config.ErrorsSpec(
                io.modelgate.discovery.config.StatusRanges.parse(List.of("500-599")), service, null);
    }

    @Test
    void anErrorsMiddlewareWithoutItsServiceWarnsButKeepsTheRouterUp() {
        RuntimeConfig c = compiler.compile(List.of(provider("file")
                .router("r", "PathPrefix(`/`)", "s", "pages")
                .service("s", "http://10.0.0.1")
                .middleware("pages", errors("missing"))
                .build()));
        assertThat(c.routers().get("r@file").status().status()).isEqualTo("enabled");
        assertThat(c.middlewares().get("pages@file").status().status()).isEqualTo("warning");
        assertThat(c.problems()).anySatisfy(p -> assertThat(p.message())
                .isEqualTo("service missing@file does not exist: built-in error pages are served"));
        Route route = c.route(request("a", "/x"));
        ErrorsMiddleware pages = (ErrorsMiddleware) route.middlewares().getFirst();
        assertThat(pages.covers(503)).isTrue();
        assertThat(pages.covers(404)).isFalse();
    }

    @Test
    void pageCachesSurviveAReloadOnlyWhileTheSpecIsUnchanged() {
        var factory = io.modelgate.gateway.middleware.MiddlewareFactory.withoutNetwork();
        var compiler = new RuntimeConfigCompiler(Set.of("web"), new StickyCookies(
                "test-secret-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8)), LeaseRegistry.system(), factory, null);
        var first = provider("file").router("r", "PathPrefix(`/`)", "s", "pages").service("s", "http://10.0.0.1")
                .service("pages", "http://10.0.0.2").middleware("pages", errors("pages"));
        ErrorsMiddleware a = (ErrorsMiddleware) compiler.compile(List.of(first.build())).route(request("a", "/")).middlewares().getFirst();
        ErrorsMiddleware b = (ErrorsMiddleware) compiler.compile(List.of(first.service("s", "http://10.0.0.3").build())).route(request("a", "/")).middlewares().getFirst();
        var changed = provider("file").router("r", "PathPrefix(`/`)", "s", "pages").service("s", "http://10.0.0.1")
                .service("pages", "http://10.0.0.2").middleware("pages", errors("s"));
        ErrorsMiddleware c = (ErrorsMiddleware) compiler.compile(List.of(changed.build())).route(request("a", "/")).middlewares().getFirst();
        assertThat(a).isNotSameAs(b); // bound to each configuration's pool…
        assertThat(a.cache()).isSameAs(b.cache()); // …sharing the cache
        assertThat(c.cache()).isNotSameAs(a.cache());
    }

    @Test
    void gatewayPagesResolveAnUnqualifiedServiceAcrossProviders() {
        var compiler = new RuntimeConfigCompiler(Set.of("web"), new StickyCookies(
                "test-secret-0123456789".getBytes(java.nio.charset.StandardCharsets.UTF_8)), LeaseRegistry.system(),
                io.modelgate.gateway.middleware.MiddlewareFactory.withoutNetwork(), errors("error-pages"));
        RuntimeConfig none = compiler.compile(List.of());
        assertThat(none.gatewayPages()).isNotNull();
        assertThat(none.gatewayPages().toString()).contains("service=(none)");
        assertThat(none.problems()).anySatisfy(p -> assertThat(p.message()).contains("'error-pages' is not available"));
        RuntimeConfig found = compiler.compile(List.of(provider("docker").service("error-pages", "http://10.0.0.2").build()));
        assertThat(found.gatewayPages().toString()).contains("service=error-pages@docker");
        assertThat(found.problems()).isEmpty();
    }
}
