package io.modelgate.gateway.runtime;

import static io.modelgate.gateway.runtime.RuntimeConfigCompilerTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RouterTls;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.TlsConfig;
import io.modelgate.gateway.lb.sticky.LeaseRegistry;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import io.modelgate.gateway.middleware.MiddlewareFactory;
import io.modelgate.gateway.middleware.redirectscheme.RedirectSchemeMiddleware;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.modelgate.gateway.acme.Http01Responder;
import io.modelgate.gateway.tls.TlsSetup;
import org.junit.jupiter.api.Test;

/** Routers on entry points: which index each router lands in, TLS routers, redirections, TLS options by host. */
class EntrypointRoutingTest {

    private static final List<EntryPoint> EPS = List.of(
            new EntryPoint("web", false, new EntryPoint.Redirect("websecure", "https", "8443", true)),
            new EntryPoint("websecure", true, null),
            EntryPoint.plain("internal"));

    private final RuntimeConfigCompiler compiler = new RuntimeConfigCompiler(EPS,
            new StickyCookies("test-secret-0123456789".getBytes(StandardCharsets.UTF_8)), LeaseRegistry.system(),
            MiddlewareFactory.withoutNetwork(), null);

    private RuntimeConfig compile(Map<String, RouterSpec> routers, TlsConfig tls) {
        var services = Map.of("s", new ServiceSpec(new LoadBalancerSpec(List.of(ServerSpec.of("http://10.0.0.1:8000")), true)));
        return compiler.compile(List.of(new ProviderSnapshot("file",
                new RoutingConfig(routers, services, Map.of(), Map.of(), tls), List.of())));
    }

    private static RouterSpec router(String rule, RouterTls tls, String... entryPoints) {
        return new RouterSpec(rule, null, List.of(), "s", List.of(entryPoints), tls);
    }

    @Test
    void aRouterWithoutEntryPointsIsOnAllOfThemAndATlsRouterOnlyWhereTlsIsTerminated() {
        Map<String, RouterSpec> routers = new LinkedHashMap<>();
        routers.put("plain", router("Host(`p`)", null));
        routers.put("secure", router("Host(`s`)", RouterTls.DEFAULT));
        routers.put("named", router("Host(`n`)", null, "internal"));
        RuntimeConfig c = compile(routers, TlsConfig.EMPTY);

        assertThat(c.route("internal", request("p", "/")).router()).isEqualTo("plain@file");
        assertThat(c.route("websecure", request("p", "/")).router()).isEqualTo("plain@file");
        assertThat(c.route("websecure", request("s", "/")).router()).isEqualTo("secure@file");
        assertThat(c.route("internal", request("s", "/"))).as("a tls router is not served over plain HTTP").isNull();
        assertThat(c.route("internal", request("n", "/")).router()).isEqualTo("named@file");
        assertThat(c.route("websecure", request("n", "/"))).isNull();
    }

    @Test
    void aRouterMayNameAnEntryPointInAnyCase() {
        Map<String, RouterSpec> routers = new LinkedHashMap<>();
        routers.put("camel", router("Host(`c`)", null, "Internal"));
        RuntimeConfig c = compile(routers, TlsConfig.EMPTY);

        assertThat(c.routers().get("camel@file").status().status()).isEqualTo("enabled");
        assertThat(c.route("internal", request("c", "/")).router()).isEqualTo("camel@file");
    }

    @Test
    void unknownEntryPointsAndTlsRoutersOnPlainEntryPointsDisableTheRouterWithAReason() {
        Map<String, RouterSpec> routers = new LinkedHashMap<>();
        routers.put("typo", router("Host(`t`)", null, "websecur"));
        routers.put("tlsonplain", router("Host(`u`)", RouterTls.DEFAULT, "internal"));
        RuntimeConfig c = compile(routers, TlsConfig.EMPTY);

        assertThat(c.routers().get("typo@file").status().errors()).singleElement().asString()
                .contains("entry point 'websecur' does not exist").contains("websecure");
        assertThat(c.routers().get("tlsonplain@file").status().errors()).singleElement().asString()
                .contains("'internal' does not terminate TLS");
        assertThat(c.problems()).extracting(Problem::element).contains("router typo@file", "router tlsonplain@file");
    }

    @Test
    void anEntryPointRedirectionAnswersEveryRequestThereBeforeAnyRouter() {
        RuntimeConfig c = compile(Map.of("plain", router("Host(`p`)", null)), TlsConfig.EMPTY);
        Route r = c.route("web", request("p", "/x"));
        assertThat(r.router()).isEqualTo("web-to-websecure@internal");
        assertThat(r.middlewares()).singleElement().isInstanceOf(RedirectSchemeMiddleware.class)
                .asString().contains("https:8443").contains("permanent");
        assertThat(c.routers().get("web-to-websecure@internal").priority()).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(c.route("websecure", request("p", "/x")).router()).isEqualTo("plain@file");
    }

    @Test
    void tlsOptionsApplyToTheHostsOfTheRoutersRuleAndMissingOnesDisableTheRouter() {
        TlsConfig.TlsOptions strict = new TlsConfig.TlsOptions("VersionTLS13", null, List.of(), List.of("h2"), List.of(),
                "NoClientCert", true, "f.yml:3");
        TlsConfig tls = new TlsConfig(List.of(), null, Map.of("modern", strict));
        Map<String, RouterSpec> routers = new LinkedHashMap<>();
        routers.put("m", router("Host(`m.example`) || Host(`n.example`)", new RouterTls("modern", null, List.of())));
        routers.put("missing", router("Host(`x`)", new RouterTls("nope", null, List.of())));
        routers.put("acme", router("Host(`y`)", new RouterTls(null, "le", List.of())));
        RuntimeConfig c = compile(routers, tls);

        assertThat(c.tls().optionsByHost()).containsExactlyInAnyOrderEntriesOf(
                Map.of("m.example", "modern@file", "n.example", "modern@file"));
        assertThat(c.tls().options()).containsKey("modern@file");
        assertThat(c.routers().get("missing@file").status().errors()).singleElement().asString()
                .contains("TLS options nope@file do not exist");
        assertThat(c.routers().get("acme@file").status().status()).isEqualTo("warning");
        assertThat(c.route("websecure", request("y", "/")).router()).as("served with the file certificates")
                .isEqualTo("acme@file");
    }

    @Test
    void certResolverRoutersAskForTheirNamesAndTheChallengeRouterComesBeforeTheRedirect() {
        RuntimeConfigCompiler withAcme = new RuntimeConfigCompiler(EPS,
                new StickyCookies("test-secret-0123456789".getBytes(StandardCharsets.UTF_8)), LeaseRegistry.system(),
                MiddlewareFactory.withoutNetwork(), null).withAcme(Set.of("le"), Map.of("web", new Http01Responder()));
        Map<String, RouterSpec> routers = new LinkedHashMap<>();
        routers.put("hosts", router("Host(`a.example`) || Host(`b.example`)", new RouterTls(null, "le", List.of())));
        routers.put("same", router("Host(`b.example`) || Host(`a.example`)", new RouterTls(null, "le", List.of())));
        routers.put("domains", router("Host(`x.example`)", new RouterTls(null, "le",
                List.of(new RouterTls.Domain("d.example", List.of("e.example"))))));
        routers.put("other", router("Host(`o.example`)", new RouterTls(null, "nope", List.of())));
        routers.put("wild", router("Host(`w.example`)", new RouterTls(null, "le",
                List.of(new RouterTls.Domain("*.w.example", List.of())))));
        var services = Map.of("s", new ServiceSpec(new LoadBalancerSpec(List.of(ServerSpec.of("http://10.0.0.1:8000")), true)));
        RuntimeConfig c = withAcme.compile(List.of(new ProviderSnapshot("file",
                new RoutingConfig(routers, services, Map.of(), Map.of(), TlsConfig.EMPTY), List.of())));

        assertThat(c.tls().acme()).extracting(TlsSetup.AcmeRequest::domains).as("one certificate per set of names")
                .containsExactlyInAnyOrder(List.of("a.example", "b.example"), List.of("d.example", "e.example"));
        assertThat(c.routers().get("other@file").status().status()).isEqualTo("warning");
        assertThat(c.routers().get("wild@file").status().errors()).singleElement().asString().contains("DNS-01");
        assertThat(c.route("web", request("a.example", "/.well-known/acme-challenge/t1")).router())
                .isEqualTo("acme-http@internal");
        assertThat(c.route("web", request("a.example", "/predict")).router()).isEqualTo("web-to-websecure@internal");
        assertThat(c.route("websecure", request("a.example", "/.well-known/acme-challenge/t1")).router())
                .as("only on the challenge entry point").isEqualTo("hosts@file");
    }

    @Test
    void routersWithoutTlsOnAnEntryPointWithADefaultResolverAskItAndTheirOwnTlsReplacesIt() {
        List<EntryPoint> eps = List.of(EntryPoint.plain("web"),
                new EntryPoint("websecure", true, null, new RouterTls(null, "le", List.of())),
                new EntryPoint("shop", true, null, new RouterTls(null, "le",
                        List.of(new RouterTls.Domain("shop.example", List.of("www.shop.example"))))));
        RuntimeConfigCompiler withAcme = new RuntimeConfigCompiler(eps,
                new StickyCookies("test-secret-0123456789".getBytes(StandardCharsets.UTF_8)), LeaseRegistry.system(),
                MiddlewareFactory.withoutNetwork(), null).withAcme(Set.of("le", "other"), Map.of("web", new Http01Responder()));
        Map<String, RouterSpec> routers = new LinkedHashMap<>();
        routers.put("bare", router("Host(`a.example`)", null, "websecure"));
        routers.put("everywhere", router("Host(`e.example`)", null));
        routers.put("own", router("Host(`o.example`)", new RouterTls(null, "other", List.of()), "websecure"));
        routers.put("tlsonly", router("Host(`t.example`)", RouterTls.DEFAULT, "websecure"));
        routers.put("plain", router("Host(`p.example`)", null, "web"));
        routers.put("shop", router("Host(`x.example`)", null, "shop"));
        var services = Map.of("s", new ServiceSpec(new LoadBalancerSpec(List.of(ServerSpec.of("http://10.0.0.1:8000")), true)));
        RuntimeConfig c = withAcme.compile(List.of(new ProviderSnapshot("file",
                new RoutingConfig(routers, services, Map.of(), Map.of(), TlsConfig.EMPTY), List.of())));

        assertThat(c.tls().acme()).extracting(r -> r.resolver() + " " + r.domains() + " " + r.router())
                .as("the entry point's resolver for routers without tls; their own tls, even tls=true, replaces it")
                .containsExactlyInAnyOrder("le [a.example] bare@file", "le [e.example] everywhere@file",
                        "other [o.example] own@file", "le [shop.example, www.shop.example] shop@file");
        assertThat(c.route("web", request("e.example", "/")).router()).as("still plain on web").isEqualTo("everywhere@file");
        assertThat(c.route("websecure", request("a.example", "/")).router()).isEqualTo("bare@file");
        assertThat(c.routers().get("bare@file").status().status()).isEqualTo("enabled");
    }
}
