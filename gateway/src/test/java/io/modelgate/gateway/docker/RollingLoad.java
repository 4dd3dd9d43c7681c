package io.modelgate.gateway.docker;

import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Load through a changing set of gateways, as a load balancer in front of them sends it: requests go round
 * robin over the addresses {@code live} gives (re-read every 250 ms); a request whose connection is refused
 * goes to the next address, once per address; any other error or a non-200 answer is a failure, and the
 * address that failed gets no requests for {@link #SKIP} (a load balancer's passive health check) unless every
 * address did. Bounded: at most {@link #MAX_REQUESTS} requests.
 */
final class RollingLoad implements AutoCloseable {

    static final long MAX_REQUESTS = 500_000;
    static final long SKIP = 2_000_000_000L;

    interface Call {
        HttpResponse<String> send(String gateway) throws Exception;
    }

    /** @param timeline when the stand-in load balancer's list of gateways changed, and to what */
    record Result(long sent, List<String> failures, Set<String> instances, List<String> timeline) {
    }

    private final Supplier<List<String>> live;
    private final Call call;
    private volatile List<String> addresses = List.of();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong next = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Set<String> instances = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Long> skipUntil = new ConcurrentHashMap<>();
    private final long startedNanos = System.nanoTime();
    private final List<String> timeline = new CopyOnWriteArrayList<>();

    RollingLoad(Supplier<List<String>> live, Call call) {
        this.live = live;
        this.call = call;
    }

    void start(int clients) {
        addresses = live.get();
        threads.add(Thread.ofVirtual().start(() -> {
            while (running.get()) {
                try {
                    List<String> now = live.get();
                    if (!now.equals(addresses)) {
                        timeline.add(String.format("%.1f s gateways %s", (System.nanoTime() - startedNanos) / 1e9, now));
                    }
                    addresses = now;
                    Thread.sleep(250); // the refresh period of the stand-in load balancer, not a test wait
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the engine was busy: keep the last list
                }
            }
        }));
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().start(this::client));
        }
    }

    long sent() {
        return sent.get();
    }

    private void client() {
        while (running.get() && sent.incrementAndGet() <= MAX_REQUESTS) {
            long t = System.nanoTime();
            List<String> all = addresses;
            List<String> now = all.stream().filter(a -> skipUntil.getOrDefault(a, 0L) - t <= 0).toList();
            if (now.isEmpty()) {
                now = all; // every gateway failed lately: try them anyway, as a load balancer with all backends down does
            }
            if (now.isEmpty()) {
                failures.add(String.format("%.1f s no gateway to send to", (System.nanoTime() - startedNanos) / 1e9));
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // as a load balancer answering 503 would, without spinning
                continue;
            }
            int first = (int) (next.getAndIncrement() % now.size());
            String outcome = null;
            for (int attempt = 0; attempt < now.size(); attempt++) {
                String gateway = now.get((first + attempt) % now.size());
                try {
                    HttpResponse<String> r = call.send(gateway);
                    if (r.statusCode() == 200) {
                        r.headers().firstValue("X-Instance").ifPresent(instances::add);
                        outcome = null;
                    } else {
                        outcome = gateway + " answered " + r.statusCode() + ": " + r.body();
                    }
                    break;
                } catch (ConnectException | HttpConnectTimeoutException | java.net.NoRouteToHostException e) {
                    outcome = gateway + " refused the connection"; // redispatched to the next gateway
                    skipUntil.put(gateway, System.nanoTime() + SKIP);
                } catch (Exception e) {
                    outcome = gateway + ": " + e;
                    break;
                }
            }
            if (outcome != null) {
                failures.add(String.format("%.1f s %s", (System.nanoTime() - startedNanos) / 1e9, outcome));
                skipUntil.put(outcome.split("[ :]", 2)[0], System.nanoTime() + SKIP);
            }
        }
    }

    Result stop() throws InterruptedException {
        running.set(false);
        threads.getFirst().interrupt(); // the refresher; clients finish the request they are in (20 s timeout)
        for (Thread t : threads) {
            t.join(30_000);
        }
        return new Result(Math.min(sent.get(), MAX_REQUESTS), List.copyOf(failures), Set.copyOf(instances), List.copyOf(timeline));
    }

    @Override
    public void close() throws InterruptedException {
        if (running.get()) {
            stop();
        }
    }
}
