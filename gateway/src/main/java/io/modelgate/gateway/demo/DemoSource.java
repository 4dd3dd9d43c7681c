package io.modelgate.gateway.demo;

import io.modelgate.discovery.ConfigSource;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The demo route, as provider {@code demo}: {@code PathPrefix(`/api/v1/echo`)} → the echo backend. */
public final class DemoSource implements ConfigSource {

    private final int echoPort;

    public DemoSource(int echoPort) {
        this.echoPort = echoPort;
    }

    @Override
    public String name() {
        return "demo"; // not "internal": that provider holds api@internal and prometheus@internal
    }

    @Override
    public void start(Consumer<ProviderSnapshot> sink) {
        RouterSpec router = new RouterSpec("PathPrefix(`/api/v1/echo`)", null, List.of(), "echo", List.of());
        ServiceSpec service = new ServiceSpec(new LoadBalancerSpec(
                List.of(ServerSpec.of("http://127.0.0.1:" + echoPort)), true));
        sink.accept(new ProviderSnapshot(name(), new RoutingConfig(Map.of("echo", router), Map.of("echo", service),
                Map.of(), Map.of("router:echo", "built-in demo", "service:echo", "built-in demo")), List.of()));
    }

    @Override
    public void close() {
    }
}
