package io.modelgate.gateway.runtime;

import static io.modelgate.gateway.runtime.RuntimeConfigCompilerTest.provider;
import static io.modelgate.gateway.runtime.RuntimeConfigCompilerTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.WeightedSpec;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.lb.ServiceTarget;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Weighted services compiled over load balancers: shares, skipped empty services, and what disables one. */
class WeightedServiceCompileTest {

    private final RuntimeConfigCompiler compiler = new RuntimeConfigCompiler(Set.of("web"),
            new StickyCookies("test-secret-0123456789".getBytes(StandardCharsets.UTF_8)));

    private static RuntimeConfigCompilerTest.Snapshot weighted(RuntimeConfigCompilerTest.Snapshot s, String name,
                                                                WeightedSpec.Child... children) {
        s.services.put(name, new ServiceSpec(new WeightedSpec(Arrays.asList(children))));
        return s;
    }

    private static WeightedSpec.Child child(String name, int weight) {
        return new WeightedSpec.Child(name, weight);
    }

    private RuntimeConfig compile(RuntimeConfigCompilerTest.Snapshot... snapshots) {
        return compiler.compile(Arrays.stream(snapshots).map(RuntimeConfigCompilerTest.Snapshot::build).toList());
    }

    /** Which service answered each of {@code n} requests, counted. */
    private static Map<String, Integer> shares(ServiceTarget target, int n) {
        Map<String, Integer> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int picked = target.pick();
            out.merge(picked < 0 ? "none" : target.pools().get(picked).name(), 1, Integer::sum);
        }
        return out;
    }

    @Test
    void requestsAreSharedByWeightAndTheRouterMeetsTheServicesThroughIt() {
        RuntimeConfig c = compile(weighted(provider("file").router("r", "PathPrefix(`/m`)", "canary")
                .service("v1", "http://10.0.0.1:8000").service("v2", "http://10.0.0.2:8000"),
                "canary", child("v1", 3), child("v2", 1)));

        Route route = c.route(request("any", "/m/predict"));
        assertThat(route.service().name()).isEqualTo("canary@file");
        assertThat(route.service().pools()).extracting(ServicePool::name).containsExactly("v1@file", "v2@file");
        assertThat(shares(route.service(), 400)).containsExactlyEntriesOf(new TreeMap<>(Map.of("v1@file", 300, "v2@file", 100)));
        assertThat(c.services().get("canary@file").status().status()).isEqualTo("enabled");
        assertThat(c.services().get("v2@file").usedBy()).containsExactly("canary@file");
        assertThat(c.services().get("canary@file").usedBy()).containsExactly("r@file");
    }

    @Test
    void aServiceWithoutServersGetsNoShareAndWeightZeroNone() {
        RuntimeConfig c = compile(weighted(provider("file").router("r", "PathPrefix(`/m`)", "canary")
                .service("v1", "http://10.0.0.1:8000").service("gone").service("off", "http://10.0.0.3:8000"),
                "canary", child("v1", 1), child("gone", 5), child("off", 0)));

        assertThat(shares(c.route(request("any", "/m")).service(), 60)).containsExactlyEntriesOf(Map.of("v1@file", 60));
    }

    @Test
    void whenNoneOfItsServicesHasAServerNoPoolIsPickedAndTheServiceSaysSo() {
        RuntimeConfig c = compile(weighted(provider("file").router("r", "PathPrefix(`/m`)", "canary")
                .service("gone").service("off", "http://10.0.0.3:8000"), "canary", child("gone", 1), child("off", 0)));

        assertThat(shares(c.route(request("any", "/m")).service(), 5)).containsExactlyEntriesOf(Map.of("none", 5));
        assertThat(c.services().get("canary@file").status().status()).isEqualTo("warning");
        assertThat(c.services().get("canary@file").status().errors())
                .containsExactly("none of its services has a server: requests get 503");
    }

    @Test
    void servicesOfOtherProvidersAreNamedQualified() {
        RuntimeConfig c = compile(
                provider("docker").service("v2", "http://10.0.0.2:8000"),
                weighted(provider("file").router("r", "PathPrefix(`/m`)", "canary").service("v1", "http://10.0.0.1:8000"),
                        "canary", child("v1", 1), child("v2@docker", 1)));

        assertThat(c.route(request("any", "/m")).service().pools()).extracting(ServicePool::name)
                .containsExactly("v1@file", "v2@docker");
    }

    @Test
    void aMissingOrWeightedServiceDisablesItAndItsRouters() {
        RuntimeConfig c = compile(weighted(weighted(provider("file").router("r", "PathPrefix(`/m`)", "outer")
                .service("v1", "http://10.0.0.1:8000"), "inner", child("v1", 1)),
                "outer", child("inner", 1), child("nope", 1)));

        assertThat(c.services().get("outer@file").status().errors()).containsExactly(
                "service inner@file is weighted itself: a weighted service of weighted services is not supported yet",
                "service nope@file does not exist");
        assertThat(c.services().get("inner@file").status().status()).isEqualTo("enabled");
        assertThat(c.routers().get("r@file").status().errors()).containsExactly("service outer@file is disabled");
        assertThat(c.route(request("any", "/m"))).isNull();
        assertThat(c.problems()).extracting(p -> p.element() + ": " + p.message())
                .contains("service outer@file: service nope@file does not exist");
    }

    @Test
    void anErrorsMiddlewareCannotTakeItsPagesFromAWeightedService() {
        RuntimeConfig c = compile(weighted(provider("file").router("r", "PathPrefix(`/m`)", "v1", "pages")
                .service("v1", "http://10.0.0.1:8000")
                .middleware("pages", new io.modelgate.discovery.config.ErrorsSpec(
                        io.modelgate.discovery.config.StatusRanges.parse(List.of("500-599")), "canary", "/{status}.html")),
                "canary", child("v1", 1)));

        assertThat(c.middlewares().get("pages@file").status().errors()).singleElement().asString()
                .contains("service canary@file is weighted, and pages come from a loadBalancer");
    }
}
