package io.modelgate.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.middleware.RecordingContinuation;
import io.modelgate.gateway.runtime.Route;
import io.modelgate.gateway.runtime.RuntimeConfig;
import io.modelgate.gateway.runtime.RuntimeConfigCompiler;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code chain}: expanded at compile time into the route's middlewares, in order, nested chains included;
 * applied to a request they behave as the members would one by one. Cycles and missing members disable the
 * router, so it never runs without a step its operator named.
 */
class ChainFlatteningTest {

    private final RuntimeConfigCompiler compiler = new RuntimeConfigCompiler(Set.of("web"),
            new StickyCookies("chain-test-secret-0123".getBytes(StandardCharsets.UTF_8)));

    private RuntimeConfig compile(Map<String, MiddlewareSpec> middlewares, String... routerMiddlewares) {
        var routers = Map.of("r", new RouterSpec("PathPrefix(`/`)", null, List.of(routerMiddlewares), "s", List.of()));
        var services = Map.of("s", new ServiceSpec(new LoadBalancerSpec(List.of(ServerSpec.of("http://10.0.0.1")), true)));
        return compiler.compile(List.of(new ProviderSnapshot("file",
                new RoutingConfig(routers, services, middlewares, Map.of()), List.of())));
    }

    private static Route route(RuntimeConfig c) {
        return c.route(new RequestFacts() {
            public String host() { return "a"; }
            public String path() { return "/api/v1/m/predict"; }
            public String method() { return "GET"; }
            public List<String> headers(String name) { return List.of(); }
            public List<String> queryParams(String name) { return List.of(); }
            public InetAddress clientAddress() { return InetAddress.getLoopbackAddress(); }
        });
    }

    private static Map<String, MiddlewareSpec> members() {
        Map<String, MiddlewareSpec> m = new LinkedHashMap<>();
        m.put("strip", new StripPrefixSpec(List.of("/api/v1/m")));
        m.put("tag", new HeadersSpec(Map.of("X-Step", "tag"), Map.of()));
        m.put("retag", new HeadersSpec(Map.of("X-Step", "retag", "X-Team", "ml"), Map.of()));
        m.put("inner", new ChainSpec(List.of("tag", "retag")));
        m.put("outer", new ChainSpec(List.of("strip", "inner")));
        return m;
    }

    @Test
    void nestedChainsExpandInOrderAndApplyLikeTheirMembers() {
        Route route = route(compile(members(), "outer"));
        assertThat(route.middlewares()).hasSize(3);
        HttpRequest req = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/v1/m/predict");
        for (Middleware m : route.middlewares()) {
            RecordingContinuation next = new RecordingContinuation();
            m.onRequest(req, next);
            assertThat(next.proceeded()).isTrue();
        }
        assertThat(req.uri()).isEqualTo("/predict");
        assertThat(req.headers().get("X-Forwarded-Prefix")).isEqualTo("/api/v1/m");
        assertThat(req.headers().get("X-Step")).as("the later member wins, as in order").isEqualTo("retag");
        assertThat(req.headers().get("X-Team")).isEqualTo("ml");
    }

    @Test
    void aCycleDisablesTheChainAndTheRouter() {
        Map<String, MiddlewareSpec> m = members();
        m.put("a", new ChainSpec(List.of("tag", "b")));
        m.put("b", new ChainSpec(List.of("a")));
        RuntimeConfig c = compile(m, "a");
        assertThat(route(c)).isNull();
        assertThat(c.routers().get("r@file").status().errors()).anySatisfy(e -> assertThat(e).contains("disabled"));
        assertThat(c.problems()).anySatisfy(p -> assertThat(p.message()).contains("chain cycle"));
    }

    @Test
    void aMissingMemberDisablesTheRouter() {
        Map<String, MiddlewareSpec> m = members();
        m.put("broken", new ChainSpec(List.of("strip", "nosuch")));
        RuntimeConfig c = compile(m, "broken");
        assertThat(route(c)).isNull();
        assertThat(c.problems()).anySatisfy(p -> assertThat(p.message()).contains("nosuch@file does not exist"));
    }
}
