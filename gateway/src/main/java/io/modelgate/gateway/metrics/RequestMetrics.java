package io.modelgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.modelgate.gateway.lb.Admission;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.lb.UpstreamServer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's request metrics: hands out the meters of entry points, routers and services (kept across
 * reloads, so counters keep counting; dropped when a compile no longer has the router or service, as Traefik
 * drops them), the per-server {@code modelgate_service_server_up} gauges and ejection counters, the admission
 * queue's counters, and snapshots for the dashboard.
 */
public final class RequestMetrics {

    /** Traefik's default histogram buckets, in seconds, so its dashboards' queries still fit. */
    public static final double[] DEFAULT_BUCKETS = {0.1, 0.3, 1.2, 5.0};

    private final MeterRegistry registry;
    private final double[] buckets;
    private final Map<String, EntrypointMeters> entrypoints = new ConcurrentHashMap<>();
    private final Map<String, TrafficMeters> routers = new ConcurrentHashMap<>();
    private final Map<String, TrafficMeters> services = new ConcurrentHashMap<>();
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Map<String, ServerState> servers = new HashMap<>();
    private final Map<String, QueueMeters> queues = new HashMap<>();

    /** @param registry where meters go; null records nothing */
    public RequestMetrics(MeterRegistry registry, double[] bucketsSeconds) {
        this.registry = registry;
        this.buckets = bucketsSeconds.clone();
    }

    /** Records nothing (tests, tools). */
    public static RequestMetrics none() {
        return new RequestMetrics(null, DEFAULT_BUCKETS);
    }

    /** The meters of an entry point (created on first use, kept for the life of the process). */
    public EntrypointMeters entrypoint(String name) {
        return entrypoints.computeIfAbsent(name, n -> {
            if (registry == null) {
                return EntrypointMeters.none();
            }
            AtomicInteger open = new AtomicInteger();
            Gauge.builder("modelgate.open.connections", open, AtomicInteger::get).tags("entrypoint", n, "protocol", "TCP")
                    .description("open client connections, by entry point and protocol").register(registry);
            return new EntrypointMeters(new TrafficMeters(registry, "entrypoint", Tags.of("entrypoint", n), buckets), open);
        });
    }

    /** The meters of a route to one service, resolved at compile time. */
    public RouteMeters route(String router, String service) {
        return route(router, service, List.of(service));
    }

    /**
     * The meters of a route, resolved at compile time: the router's are tagged with the service it names, and
     * each of {@code answering} (that service, or a weighted one's services) counts the requests it answered.
     */
    public RouteMeters route(String router, String service, List<String> answering) {
        if (registry == null) {
            return RouteMeters.NONE;
        }
        TrafficMeters routerMeters = routers.compute(router, (r, old) -> {
            if (old != null && old.tagged("service", service)) {
                return old;
            }
            if (old != null) {
                old.remove(); // the router now sends to another service: its series say which
            }
            return new TrafficMeters(registry, "router", Tags.of("router", r, "service", service), buckets);
        });
        return new RouteMeters(routerMeters, answering.stream().map(this::service).toList(),
                answering.stream().map(s -> retries.computeIfAbsent(s, n -> Counter.builder("modelgate.service.retries")
                        .tag("service", n)
                        .description("requests sent again to a server (a failed connect, a stale keep-alive connection)")
                        .register(registry))).toList());
    }

    private TrafficMeters service(String service) {
        return services.computeIfAbsent(service, s -> new TrafficMeters(registry, "service", Tags.of("service", s), buckets));
    }

    /**
     * Ends a compile: meters of routers and services that are gone are removed; the server gauges follow the
     * new pools. Called with the configuration lock held.
     */
    public synchronized void retain(Set<String> liveRouters, Collection<ServicePool> pools) {
        if (registry == null) {
            return;
        }
        Set<String> liveServices = new HashSet<>();
        pools.forEach(p -> liveServices.add(p.name()));
        drop(routers, liveRouters);
        drop(services, liveServices);
        retries.entrySet().removeIf(e -> {
            boolean gone = !liveServices.contains(e.getKey());
            if (gone) {
                registry.remove(e.getValue());
            }
            return gone;
        });
        Set<String> liveServers = new HashSet<>();
        for (ServicePool pool : pools) {
            for (UpstreamServer server : pool.servers()) {
                String key = pool.name() + " " + server.url();
                liveServers.add(key);
                ServerState state = servers.computeIfAbsent(key, k -> new ServerState());
                state.pool = pool;
                state.server = server;
                if (state.gauge == null) {
                    state.gauge = Gauge.builder("modelgate.service.server.up", state, ServerState::up)
                            .tags("service", pool.name(), "url", server.url()).strongReference(true)
                            .description("1 if the server takes requests, 0 while passive health has ejected it")
                            .register(registry);
                    state.ejections = FunctionCounter.builder("modelgate.service.server.ejections", state, ServerState::ejections)
                            .tags("service", pool.name(), "url", server.url())
                            .description("times passive health took the server out of rotation").register(registry);
                }
            }
        }
        servers.entrySet().removeIf(e -> {
            boolean gone = !liveServers.contains(e.getKey());
            if (gone) {
                registry.remove(e.getValue().gauge);
                registry.remove(e.getValue().ejections);
            }
            return gone;
        });
        retainQueues(pools);
    }

    /** The admission queue's counters of each service with admission control; one set per {@link Admission}. */
    private void retainQueues(Collection<ServicePool> pools) {
        Map<String, Admission> live = new HashMap<>();
        pools.forEach(p -> {
            if (p.admission() != null) {
                live.put(p.name(), p.admission());
            }
        });
        queues.entrySet().removeIf(e -> {
            boolean gone = live.get(e.getKey()) != e.getValue().admission;
            if (gone) {
                e.getValue().meters.forEach(registry::remove);
            }
            return gone;
        });
        live.forEach((service, admission) -> queues.computeIfAbsent(service, s -> new QueueMeters(admission, List.of(
                queueCounter("waits", s, admission, c -> c.queued(), "requests that waited in the admission queue"),
                queueCounter("timeouts", s, admission, c -> c.timedOut(), "queued requests answered 503 after the queue timeout"),
                queueCounter("full", s, admission, c -> c.refusedFull(), "requests answered 503 because the queue was full")))));
    }

    private Meter queueCounter(String what, String service, Admission admission,
                               java.util.function.ToLongFunction<Admission.Counts> count, String description) {
        return FunctionCounter.builder("modelgate.service.queue." + what, admission, a -> count.applyAsLong(a.counts()))
                .tag("service", service).description(description).register(registry);
    }

    private record QueueMeters(Admission admission, List<Meter> meters) {
    }

    private static void drop(Map<String, TrafficMeters> meters, Set<String> live) {
        meters.entrySet().removeIf(e -> {
            boolean gone = !live.contains(e.getKey());
            if (gone) {
                e.getValue().remove();
            }
            return gone;
        });
    }

    /** What a router counted since it appeared; null if it has no meters (unknown, or no traffic yet). */
    public TrafficSnapshot routerTraffic(String name) {
        TrafficMeters m = routers.get(name);
        return m == null ? null : m.snapshot();
    }

    /** What a service counted since it appeared; null if it has no meters. */
    public TrafficSnapshot serviceTraffic(String name) {
        TrafficMeters m = services.get(name);
        return m == null ? null : m.snapshot();
    }

    /** What an entry point counted since start; null if unknown. */
    public TrafficSnapshot entrypointTraffic(String name) {
        EntrypointMeters m = entrypoints.get(name);
        return m == null ? null : m.requests().snapshot();
    }

    /** One server's state for its gauge; re-pointed to the new pool on every compile. */
    private static final class ServerState {
        volatile ServicePool pool;
        volatile UpstreamServer server;
        Meter gauge;
        Meter ejections;

        double up() {
            return pool.health().usable(server) ? 1 : 0;
        }

        double ejections() {
            return pool.health().state(server).ejectionsTotal();
        }
    }
}
