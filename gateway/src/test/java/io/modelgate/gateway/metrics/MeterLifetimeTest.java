package io.modelgate.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Router and service series live as long as the router or service: a reload that removes one removes its series,
 * and nothing brings them back — neither a request still in flight on the old configuration nor a router that now
 * sends to another service. Under route churn (models scaled up and down all day) anything else grows the scrape
 * and the heap without bound.
 */
class MeterLifetimeTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMetrics metrics = new RequestMetrics(registry, RequestMetrics.DEFAULT_BUCKETS);

    private List<String> series(String name) {
        return registry.find(name).meters().stream().map(Meter::getId)
                .map(id -> id.getTag("router") + "->" + id.getTag("service") + " " + id.getTag("code")).sorted().toList();
    }

    private static void ok(RouteMeters m) {
        m.record(0, 200, TrafficMeters.method("GET"), TrafficMeters.PROTOCOL_HTTP, 1_000_000, 0, 10, 1);
    }

    @Test
    void aLateRequestOfARemovedRouterDoesNotBringItsSeriesBack() {
        RouteMeters old = metrics.route("llama", "llama-svc");
        ok(old);
        assertThat(series("modelgate.router.requests")).containsExactly("llama->llama-svc 200");

        metrics.retain(Set.of(), List.of()); // the reload removed the router and its service
        assertThat(series("modelgate.router.requests")).isEmpty();
        assertThat(series("modelgate.service.requests")).isEmpty();

        ok(old); // a request that was in flight on the old configuration ends now
        old.record(0, 502, TrafficMeters.method("POST"), TrafficMeters.PROTOCOL_HTTP, 1, 1, 1, 2);
        assertThat(series("modelgate.router.requests")).as("no series registered after removal").isEmpty();
        assertThat(series("modelgate.service.requests")).isEmpty();
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
                .noneMatch(n -> n.startsWith("modelgate.router.") || n.startsWith("modelgate.service.request"));
    }

    @Test
    void aRouterThatMovesToAnotherServiceKeepsNoSeriesOfTheOldOne() {
        ok(metrics.route("chat", "v1"));
        RouteMeters moved = metrics.route("chat", "v2"); // the next compile: same router, another service
        ok(moved);
        assertThat(series("modelgate.router.requests")).containsExactly("chat->v2 200");
        assertThat(metrics.routerTraffic("chat").requests()).as("the dashboard reads the current series").isEqualTo(1);
    }

    @Test
    void aRouterThatStaysKeepsCounting() {
        ok(metrics.route("chat", "v1"));
        ok(metrics.route("chat", "v1")); // recompiled unchanged
        assertThat(registry.get("modelgate.router.requests").tag("router", "chat").counter().count()).isEqualTo(2);
    }
}
