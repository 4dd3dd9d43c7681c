package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import io.modelgate.gateway.testsupport.SteadyLoad;
import io.modelgate.gateway.testsupport.TestBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Containers created and removed every second for a minute, under a steady load: one model service whose
 * replicas churn (each lives about {@value #LIVE} s, on a port of its own so its server URL is never reused),
 * next to a stable container's route and a file route. Other routes see no error, and the gateway drops each
 * container from its routes within 1 s of the container's {@code die} event — measured by polling the admin
 * API every 50 ms against the engine's event times — so no request can be sent to it later than that.
 */
class ContainerChurnIT {

    private static final int CONTAINERS = 60;
    private static final int LIVE = 3;
    private static final int FIRST_PORT = 9000;
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void containersComingAndGoingEverySecondDisturbNoOtherRouteAndLeaveWithin1sOfDie() throws Exception {
        try (DockerLab lab = new DockerLab(); TestBackend backend = new TestBackend("file")) {
            String image = lab.buildModelImage("1");
            try (GatewayInstance gw = new GatewayInstance(dir, """
                    http:
                      routers: { f: { rule: "PathPrefix(`/f`)", service: f } }
                      services: { f: { loadBalancer: { servers: [ { url: "%s" } ] } } }
                    """.formatted(backend.url()), "--modelgate.providers.docker.enabled=true")) {
                String stable = "stable-" + lab.run();
                String churn = "churn-" + lab.run();
                start(lab, image, "stable", Map.of("modelgate.model", stable), 8000);
                Map<String, Long> dieMillis = new ConcurrentHashMap<>();
                var events = lab.docker().eventsCmd().withEventTypeFilter(EventType.CONTAINER).withEventFilter("die")
                        .withLabelFilter(lab.label()).exec(new ResultCallback.Adapter<Event>() {
                            @Override
                            public void onNext(Event e) {
                                dieMillis.putIfAbsent(e.getId(), e.getTimeNano() / 1_000_000);
                            }
                        });
                events.awaitStarted();
                Map<String, String> urlOf = new ConcurrentHashMap<>();
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < LIVE; i++) {
                    ids.add(churnOne(lab, image, churn, i, urlOf));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> status(gw, "/api/v1/" + stable) == 200
                        && status(gw, "/api/v1/" + churn) == 200);

                ServerPoller poller = new ServerPoller(gw, "model-" + churn + "@docker");
                SteadyLoad load = new SteadyLoad(120, 120, 6,
                        SteadyLoad.Target.get("stable container", gw.port(), "/api/v1/" + stable),
                        SteadyLoad.Target.get("file route", gw.port(), "/f"),
                        SteadyLoad.Target.get("churning service", gw.port(), "/api/v1/" + churn));
                List<Thread> removals = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = LIVE; i < CONTAINERS; i++) {
                    LockSupport.parkNanos(t0 + (i - LIVE) * 1_000_000_000L - System.nanoTime()); // the churn schedule
                    ids.add(churnOne(lab, image, churn, i, urlOf));
                    String old = ids.get(i - LIVE);
                    removals.add(Thread.ofVirtual().start(() -> stopAndRemove(lab, old)));
                }
                for (Thread r : removals) {
                    r.join(30_000);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> ids.subList(0, CONTAINERS - LIVE).stream()
                        .allMatch(dieMillis::containsKey));
                // the last removals' effect on the routes, then the end of the run
                await().atMost(Duration.ofSeconds(5)).until(() -> ids.subList(0, CONTAINERS - LIVE).stream()
                        .allMatch(id -> !poller.listed(urlOf.get(id)) || poller.goneAt(urlOf.get(id)) > 0));
                load.stop();
                poller.stop();
                events.close();

                Map<String, Long> lateness = new TreeMap<>();
                int neverRouted = 0;
                for (String id : ids.subList(0, CONTAINERS - LIVE)) {
                    if (poller.listed(urlOf.get(id))) {
                        lateness.put(id.substring(0, 12), poller.goneAt(urlOf.get(id)) - dieMillis.get(id));
                    } else {
                        neverRouted++; // removed before it was ever healthy
                    }
                }
                long[] sorted = lateness.values().stream().mapToLong(Long::longValue).sorted().toArray();
                SteadyLoad.Summary stableRoute = load.summary("stable container");
                SteadyLoad.Summary file = load.summary("file route");
                SteadyLoad.Summary churning = load.summary("churning service");
                load.report(String.format("container churn: %d containers removed over %.0f s (%d never healthy);"
                                + " gone from the routes after die: median %d ms, max %d ms (admin API polled every 50 ms)",
                        CONTAINERS - LIVE, (System.nanoTime() - t0) / 1e9, neverRouted, sorted[sorted.length / 2],
                        sorted[sorted.length - 1]),
                        stableRoute, file, churning);

                assertThat(stableRoute.notStatus(200)).as("the stable container's route: %s", stableRoute).isZero();
                assertThat(file.notStatus(200)).as("the file route: %s", file).isZero();
                assertThat(lateness).as("ms from each container's die to its server leaving the routes (poll 50 ms)")
                        .allSatisfy((id, ms) -> assertThat(ms).isLessThanOrEqualTo(1000));
                assertThat(lateness).as("containers that were routed and then removed").hasSizeGreaterThan(CONTAINERS / 2);
                assertThat(churning.count(200)).as("the churning service served: %s", churning).isPositive();
            }
        }
    }

    /** Starts replica {@code i} of the churning model on a port of its own; returns its id. */
    private static String churnOne(DockerLab lab, String image, String model, int i, Map<String, String> urlOf) {
        int port = FIRST_PORT + i;
        String id = start(lab, image, "churn-" + i, Map.of("modelgate.model", model,
                "modelgate.model.port", Integer.toString(port)), port);
        String ip = lab.docker().inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get("bridge").getIpAddress();
        urlOf.put(id, "http://" + ip + ":" + port);
        return id;
    }

    private static String start(DockerLab lab, String image, String name, Map<String, String> labels, int port) {
        Map<String, String> all = new HashMap<>(labels);
        all.putAll(lab.label());
        // the image's HEALTHCHECK asks port 8000: the same check, on this container's port
        HealthCheck health = new HealthCheck().withTest(List.of("CMD-SHELL", "printf 'GET /health HTTP/1.0\\r\\n\\r\\n'"
                        + " | nc -w 1 127.0.0.1 " + port + " | grep -q ' 200 '"))
                .withInterval(SECOND).withTimeout(2 * SECOND).withStartPeriod(30 * SECOND).withRetries(3);
        String id = lab.docker().createContainerCmd(image).withName(lab.run() + "-" + name).withLabels(all)
                .withEnv("PORT=" + port).withHealthcheck(health).withHostConfig(HostConfig.newHostConfig()).exec().getId();
        lab.docker().startContainerCmd(id).exec();
        return id;
    }

    private static void stopAndRemove(DockerLab lab, String id) {
        try {
            lab.docker().stopContainerCmd(id).withTimeout(5).exec();
            lab.docker().removeContainerCmd(id).withForce(true).exec();
        } catch (RuntimeException e) {
            System.err.println("churn: could not remove " + id + ": " + e.getMessage()); // DockerLab removes it at the end
        }
    }

    private static int status(GatewayInstance gw, String path) {
        try {
            return RawHttp.exchange(gw.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Reads a service's servers from the admin API every 50 ms and remembers, for each server URL, the time of the
     * first poll that no longer listed it after it had been listed.
     */
    private static final class ServerPoller {
        private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
        private final Map<String, Long> goneAt = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        ServerPoller(GatewayInstance gw, String service) {
            thread = Thread.ofVirtual().start(() -> {
                while (running.get()) {
                    long now = System.currentTimeMillis();
                    try {
                        Set<String> servers = servers(gw.admin("/api/http/services/" + service));
                        servers.forEach(u -> {
                            lastSeen.put(u, now);
                            goneAt.remove(u);
                        });
                        lastSeen.keySet().stream().filter(u -> !servers.contains(u))
                                .forEach(u -> goneAt.putIfAbsent(u, now));
                    } catch (IOException | RuntimeException e) {
                        // the admin API answered nothing usable this time: the next poll tells
                    } catch (InterruptedException e) {
                        return;
                    }
                    LockSupport.parkNanos(50_000_000); // the poll interval, the resolution of the measure
                }
            });
        }

        private static Set<String> servers(JsonNode service) {
            JsonNode status = service.path("serverStatus");
            Set<String> urls = ConcurrentHashMap.newKeySet();
            status.propertyNames().forEach(urls::add);
            return urls;
        }

        boolean listed(String url) {
            return url != null && lastSeen.containsKey(url);
        }

        /** When the URL was first seen gone after being listed, in epoch ms; 0 if not (yet). */
        long goneAt(String url) {
            return url == null ? 0 : goneAt.getOrDefault(url, 0L);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(5_000);
        }
    }
}
