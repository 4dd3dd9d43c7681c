package io.modelgate.gateway.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import java.util.List;

/**
 * Configuration health as metrics: {@code modelgate_config_problems{provider}} (so a typo'd label can
 * page someone), {@code modelgate_config_generation} and the number of enabled routers.
 */
final class ConfigMetrics implements MeterBinder {

    private static final List<String> PROVIDERS = List.of("file", "docker", "internal", "demo");

    private final RuntimeConfigHolder holder;

    ConfigMetrics(RuntimeConfigHolder holder) {
        this.holder = holder;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String provider : PROVIDERS) {
            Gauge.builder("modelgate.config.problems", holder,
                            h -> h.current().problems().stream().filter(p -> p.provider().equals(provider)).count())
                    .tag("provider", provider)
                    .description("configuration problems currently listed at /api/problems")
                    .register(registry);
        }
        Gauge.builder("modelgate.config.generation", holder, RuntimeConfigHolder::generation)
                .description("how many configurations have been applied")
                .register(registry);
        // Traefik's names: every applied configuration is a reload (a broken item is skipped, never fails the reload)
        io.micrometer.core.instrument.FunctionCounter.builder("modelgate.config.reloads", holder,
                        RuntimeConfigHolder::generation)
                .description("configurations applied since start").register(registry);
        Gauge.builder("modelgate.config.last.reload.success", holder, h -> h.lastAppliedMillis() / 1000.0)
                .description("when the last configuration was applied, Unix time in seconds").register(registry);
        Gauge.builder("modelgate.routers.enabled", holder,
                        h -> h.current().routers().values().stream().filter(r -> r.status().status().equals("enabled")).count())
                .description("routers that get traffic")
                .register(registry);
    }
}
