package io.modelgate.discovery.docker;

import static java.util.Objects.requireNonNull;

import io.modelgate.discovery.ConfigSource;
import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.RoutingConfig;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker provider ({@code @docker}). Subscribes to the engine's events first, then lists; every
 * relevant event triggers a debounced re-list of everything (never a patch), and a safety re-list runs
 * periodically (in Swarm mode often, because tasks on other nodes send no local events). A snapshot is
 * pushed only when it differs from the last one.
 *
 * <p>When the engine is unreachable (socket missing at start, daemon restarting), the last good
 * configuration keeps serving, the outage is listed as a problem, and the connection is retried with
 * exponential backoff.
 */
public final class DockerSource implements ConfigSource {

    private static final Logger LOG = LoggerFactory.getLogger(DockerSource.class);
    public static final String NAME = "docker";

    private final Settings settings;
    private final Supplier<DockerEngine> connector;
    private final Function<List<Workload>, ProviderSnapshot> decoder;
    private final Semaphore signal = new Semaphore(0);
    private final AtomicReference<Throwable> streamFailure = new AtomicReference<>();
    private final java.util.Set<String> stopping = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Thread thread;
    private ProviderSnapshot lastGood = new ProviderSnapshot(NAME, RoutingConfig.EMPTY, List.of());
    private ProviderSnapshot lastPushed;

    /**
     * Provider timing and connection.
     *
     * @param endpoint     {@code unix:///var/run/docker.sock} or {@code tcp://host:port}
     * @param swarmMode    read Swarm services instead of containers
     * @param debounce     wait after an event before re-listing, so bursts cost one re-list
     * @param resync       safety re-list interval for plain Docker
     * @param swarmResync  re-list interval in Swarm mode
     * @param maxBackoff   longest wait between reconnection attempts
     */
    public record Settings(String endpoint, boolean swarmMode, Duration debounce, Duration resync, Duration swarmResync,
                           Duration maxBackoff) {

        public Settings {
            requireNonNull(endpoint, "endpoint");
            if (debounce.toMillis() > 300) {
                throw new IllegalArgumentException("debounce must be at most 300 ms, got " + debounce);
            }
        }
    }

    /**
     * @param settings connection and timing
     * @param decoder  turns the listed workloads into a snapshot (label decoding)
     */
    public DockerSource(Settings settings, Function<List<Workload>, ProviderSnapshot> decoder) {
        this(settings, () -> DockerJavaEngine.connect(settings.endpoint()), decoder);
    }

    DockerSource(Settings settings, Supplier<DockerEngine> connector, Function<List<Workload>, ProviderSnapshot> decoder) {
        this.settings = settings;
        this.connector = connector;
        this.decoder = decoder;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized void start(Consumer<ProviderSnapshot> sink) {
        running = true;
        thread = Thread.ofPlatform().daemon().name("modelgate-docker-provider").start(() -> run(sink));
    }

    private void run(Consumer<ProviderSnapshot> sink) {
        long backoff = 250;
        boolean outageReported = false;
        while (running) {
            try (DockerEngine engine = connector.get()) {
                LOG.info("docker provider connected to {} (API {}, {} mode)", settings.endpoint(), engine.apiVersion(),
                        settings.swarmMode() ? "swarm" : "container");
                streamFailure.set(null);
                signal.drainPermits();
                // subscribe before listing: an event between the two is then never lost
                try (Closeable events = engine.events(settings.swarmMode(), this::onEvent, t -> {
                    streamFailure.set(t);
                    signal.release();
                })) {
                    refresh(engine, sink);
                    outageReported = false;
                    backoff = 250;
                    watch(engine, sink);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                if (!outageReported) {
                    LOG.warn("docker provider: {} unreachable ({}); serving the last good configuration, retrying",
                            settings.endpoint(), e.toString());
                    push(sink, withOutage(e));
                    outageReported = true;
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
    }

    /** Re-lists on events (debounced) and on the resync interval, until the event stream fails. */
    private void watch(DockerEngine engine, Consumer<ProviderSnapshot> sink) throws Exception {
        long interval = (settings.swarmMode() ? settings.swarmResync() : settings.resync()).toMillis();
        while (running) {
            boolean event = signal.tryAcquire(interval, TimeUnit.MILLISECONDS);
            Throwable failure = streamFailure.get();
            if (failure != null) {
                throw new IllegalStateException("event stream failed: " + failure.getMessage(), failure);
            }
            if (event) {
                Thread.sleep(settings.debounce().toMillis()); // let a burst (scale 1 → 10) settle into one re-list
                signal.drainPermits();
            }
            refresh(engine, sink);
        }
    }

    /** Containers told to stop drain until they die: their sticky clients stay, new ones go elsewhere. */
    private void onEvent(DockerEngine.Event e) {
        if ("container".equals(e.type()) && e.id() != null) {
            switch (e.action()) {
                case "kill", "stop" -> stopping.add(e.id());
                case "die", "destroy", "start" -> stopping.remove(e.id());
                default -> { }
            }
        }
        signal.release();
    }

    private void refresh(DockerEngine engine, Consumer<ProviderSnapshot> sink) {
        List<Workload> workloads = settings.swarmMode() ? engine.swarmServices() : markDraining(engine.containers());
        ProviderSnapshot snapshot = decoder.apply(workloads);
        lastGood = snapshot;
        push(sink, snapshot);
    }

    private List<Workload> markDraining(List<Workload> containers) {
        if (stopping.isEmpty()) {
            return containers;
        }
        return containers.stream().map(w -> new Workload(w.name(), w.id(), w.swarmService(), w.labels(),
                w.instances().stream().map(i -> i.draining(stopping.contains(i.id()))).toList(),
                w.exposedPorts(), w.virtualIps())).toList();
    }

    private ProviderSnapshot withOutage(Exception e) {
        List<Problem> problems = new ArrayList<>(lastGood.problems());
        problems.add(new Problem(NAME, "provider docker", settings.endpoint(),
                "Docker API unreachable (" + e.getMessage() + "); serving the last good configuration and retrying"));
        return new ProviderSnapshot(NAME, lastGood.config(), problems);
    }

    private void push(Consumer<ProviderSnapshot> sink, ProviderSnapshot snapshot) {
        if (running && !snapshot.equals(lastPushed)) {
            lastPushed = snapshot;
            sink.accept(snapshot);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "DockerSource" + settings;
    }
}
