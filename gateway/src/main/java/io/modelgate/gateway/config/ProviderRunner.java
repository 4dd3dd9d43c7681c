package io.modelgate.gateway.config;

import io.modelgate.discovery.ConfigSource;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the providers before the entry points open, and feeds their snapshots to the live configuration.
 * The entry points open once every provider has given its first snapshot (a Docker engine that cannot be
 * reached gives one too: the outage, at once), or after {@link #FIRST_SNAPSHOT_WAIT}: a gateway that opened
 * before its Docker provider's first list would answer 404 to every model for that moment — a new replica in a
 * rolling update, behind a load balancer that only checks the port, would do exactly that.
 */
public final class ProviderRunner implements SmartLifecycle {

    /** Before {@link io.modelgate.gateway.proxy.EntrypointServer}: traffic never meets an empty configuration. */
    public static final int PHASE = 0;
    /** How long the start waits for a provider's first snapshot before opening without it. */
    public static final Duration FIRST_SNAPSHOT_WAIT = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRunner.class);

    private final List<ConfigSource> sources;
    private final RuntimeConfigHolder holder;
    private final Duration wait;
    private volatile boolean running;

    public ProviderRunner(List<ConfigSource> sources, RuntimeConfigHolder holder) {
        this(sources, holder, FIRST_SNAPSHOT_WAIT);
    }

    ProviderRunner(List<ConfigSource> sources, RuntimeConfigHolder holder, Duration wait) {
        this.sources = List.copyOf(sources);
        this.holder = holder;
        this.wait = wait;
    }

    @Override
    public void start() {
        Set<String> pending = ConcurrentHashMap.newKeySet();
        CountDownLatch first = new CountDownLatch(sources.size());
        for (ConfigSource source : sources) {
            LOG.info("starting provider {}", source.name());
            pending.add(source.name());
            source.start(firstCounted(source.name(), pending, first));
        }
        running = true;
        try {
            if (!first.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("no configuration from provider(s) {} after {} s: opening the entry points without it; "
                        + "their routes appear when they answer", new TreeSet<>(pending), wait.toMillis() / 1000.0);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The live configuration's sink, counting each provider's first snapshot once. */
    private Consumer<ProviderSnapshot> firstCounted(String name, Set<String> pending, CountDownLatch first) {
        return snapshot -> {
            holder.apply(snapshot);
            if (pending.remove(name)) {
                first.countDown();
            }
        };
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
