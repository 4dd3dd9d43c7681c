package io.modelgate.gateway.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A steady request rate through the gateway while a fault test breaks something: requests are scheduled at
 * fixed intervals (round robin over the targets) and sent by a few virtual threads, each on a fresh connection
 * ({@link RawHttp}, so nothing retries behind the test's back); every outcome is kept with its start and end time,
 * so a test can ask what happened before, during and after the fault. Bounded in time and in requests.
 */
public final class SteadyLoad implements AutoCloseable {

    /** One kind of request: a name for the report, the port and the raw request (a supplier: it may vary). */
    public record Target(String name, int port, Supplier<String> request) {

        /** {@code GET path} with {@code Connection: close} and the given extra header lines. */
        public static Target get(String name, int port, String path, String... headers) {
            StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: x\r\n");
            for (String h : headers) {
                head.append(h).append("\r\n");
            }
            String request = head.append("Connection: close\r\n\r\n").toString();
            return new Target(name, port, () -> request);
        }
    }

    /** One request's outcome; {@code status} is -1 when no response arrived ({@code error} says why). */
    public record Sample(String target, long startNanos, long endNanos, int status, String error) {
    }

    /** Outcomes of one target within a time window. */
    public record Summary(String target, int requests, Map<Integer, Integer> statuses, List<String> errors,
                          double p50Millis, double p99Millis, double maxMillis) {

        public int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        /** Requests that did not get the expected status (including those with no response at all). */
        public int notStatus(int expected) {
            return requests - count(expected);
        }

        @Override
        public String toString() {
            return String.format("%s: %,d requests, statuses %s, p50 %.1f ms, p99 %.1f ms, max %.1f ms%s", target,
                    requests, statuses, p50Millis, p99Millis, maxMillis, errors.isEmpty() ? ""
                            : ", first errors " + errors.subList(0, Math.min(3, errors.size())));
        }
    }

    private final List<Target> targets;
    private final long intervalNanos;
    private final long maxRequests;
    private final long deadline;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong ticket = new AtomicLong();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final long started = System.nanoTime();

    /**
     * Starts sending at once.
     *
     * @param perSecond   requests per second over all targets
     * @param maxSeconds  stops by itself after this long, whatever the test does
     * @param concurrency threads sending (a slow answer delays only its own thread)
     */
    public SteadyLoad(int perSecond, int maxSeconds, int concurrency, Target... targets) {
        this.targets = List.of(targets);
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.maxRequests = (long) perSecond * maxSeconds;
        this.deadline = started + maxSeconds * 1_000_000_000L;
        for (int i = 0; i < concurrency; i++) {
            workers.add(Thread.ofVirtual().name("steady-load-" + i).start(this::work));
        }
    }

    private void work() {
        while (running.get()) {
            long n = ticket.getAndIncrement();
            long due = started + n * intervalNanos;
            if (n >= maxRequests || due - deadline > 0) {
                return;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // the schedule, not a test wait
            }
            if (!running.get()) {
                return;
            }
            Target t = targets.get((int) (n % targets.size()));
            long start = System.nanoTime();
            try {
                int status = RawHttp.exchange(t.port(), t.request().get()).status();
                samples.add(new Sample(t.name(), start, System.nanoTime(), status, null));
            } catch (IOException | RuntimeException e) {
                samples.add(new Sample(t.name(), start, System.nanoTime(), -1, e.toString()));
            }
        }
    }

    /** The time base of {@link Sample#startNanos()}: a test takes its own marks with this. */
    public static long now() {
        return System.nanoTime();
    }

    /** Outcomes of the requests to {@code target} that started in [from, to). */
    public Summary summary(String target, long from, long to) {
        return summarize(target, s -> s.startNanos() - from >= 0 && s.startNanos() - to < 0);
    }

    /**
     * Outcomes of the requests to {@code target} that started and ended in [from, to): a window that closes when
     * a fault begins must leave out the requests still in flight at that moment (they meet the fault).
     */
    public Summary completedWithin(String target, long from, long to) {
        return summarize(target, s -> s.startNanos() - from >= 0 && s.endNanos() - to < 0);
    }

    private Summary summarize(String target, java.util.function.Predicate<Sample> window) {
        List<Sample> in = samples.stream().filter(s -> s.target().equals(target) && window.test(s)).toList();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (Sample s : in) {
            statuses.merge(s.status(), 1, Integer::sum);
            if (s.error() != null) {
                errors.add(s.error());
            }
        }
        double[] ms = in.stream().mapToDouble(s -> (s.endNanos() - s.startNanos()) / 1e6).sorted().toArray();
        return new Summary(target, in.size(), statuses, errors, percentile(ms, 0.50), percentile(ms, 0.99),
                ms.length == 0 ? 0 : ms[ms.length - 1]);
    }

    /** Outcomes of every request to {@code target} so far. */
    public Summary summary(String target) {
        return summary(target, started, Long.MAX_VALUE / 2 + started);
    }

    /** Every sample so far, for checks the summaries do not cover. */
    public List<Sample> samples() {
        return List.copyOf(samples);
    }

    private static double percentile(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Stops scheduling; requests in flight finish (each is bounded by RawHttp's read timeout). */
    public SteadyLoad stop() throws InterruptedException {
        running.set(false);
        for (Thread t : workers) {
            t.join(15_000);
        }
        return this;
    }

    /** Prints one line per target, prefixed so the numbers can be found in the build log. */
    public void report(String scenario, Summary... summaries) {
        for (Summary s : summaries) {
            System.out.println("[fault-under-load] " + scenario + " | " + s);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
