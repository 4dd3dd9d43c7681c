package io.modelgate.gateway.config;

import io.modelgate.discovery.ConfigSource;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Starts the providers before the entry point opens, and feeds their snapshots to the live configuration. */
public final class ProviderRunner implements SmartLifecycle {

    /** Before {@link io.modelgate.gateway.proxy.EntrypointServer}: traffic never meets an empty configuration. */
    public static final int PHASE = 0;

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRunner.class);

    private final List<ConfigSource> sources;
    private final RuntimeConfigHolder holder;
    private volatile boolean running;

    public ProviderRunner(List<ConfigSource> sources, RuntimeConfigHolder holder) {
        this.sources = List.copyOf(sources);
        this.holder = holder;
    }

    @Override
    public void start() {
        for (ConfigSource source : sources) {
            LOG.info("starting provider {}", source.name());
            source.start(holder::apply);
        }
        running = true;
    }

    @Override
    public void stop() {
        sources.forEach(ConfigSource::close);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
