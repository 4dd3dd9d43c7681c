package io.modelgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.ConfigSource;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import io.modelgate.gateway.runtime.RuntimeConfigCompiler;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The entry points open on every provider's first configuration, not on an empty one. */
class ProviderRunnerTest {

    /** A provider that answers from its own thread after {@code delayMillis}, as the Docker provider lists; never if negative. */
    record Late(String name, long delayMillis, String router) implements ConfigSource {

        @Override
        public void start(Consumer<ProviderSnapshot> sink) {
            if (delayMillis < 0) {
                return;
            }
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    return;
                }
                var routers = Map.of(router, new RouterSpec("PathPrefix(`/" + router + "`)", null, List.of(), "s", List.of()));
                var services = Map.of("s", new ServiceSpec(new LoadBalancerSpec(List.of(ServerSpec.of("http://127.0.0.1:1")),
                        false, null)));
                sink.accept(new ProviderSnapshot(name, new RoutingConfig(routers, services, Map.of(), Map.of()), List.of()));
            });
        }

        @Override
        public void close() {
        }
    }

    static RuntimeConfigHolder holder() {
        return new RuntimeConfigHolder(new RuntimeConfigCompiler(Set.of("web"),
                new StickyCookies("provider-runner-test-secret".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void startReturnsOnlyOnceEveryProviderGaveItsFirstConfiguration() {
        RuntimeConfigHolder holder = holder();
        new ProviderRunner(List.of(new Late("file", 0, "a"), new Late("docker", 300, "b")), holder, Duration.ofSeconds(30))
                .start();
        assertThat(holder.current().routers()).containsKeys("a@file", "b@docker");
    }

    @Test
    void aProviderThatNeverAnswersDelaysTheStartOnlyByTheWait() {
        RuntimeConfigHolder holder = holder();
        ProviderRunner runner = new ProviderRunner(List.of(new Late("file", 0, "a"), new Late("docker", -1, "b")), holder,
                Duration.ofMillis(200));
        runner.start();
        assertThat(runner.isRunning()).isTrue();
        assertThat(holder.current().routers()).containsOnlyKeys("a@file");
    }
}
