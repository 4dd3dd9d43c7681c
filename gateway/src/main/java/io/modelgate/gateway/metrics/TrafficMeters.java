package io.modelgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The request meters of one entry point, router or service ({@code modelgate_<kind>_requests_total},
 * {@code _request_duration_seconds}, {@code _requests_bytes_total}, {@code _responses_bytes_total}) with
 * Traefik's {@code code}, {@code method} and {@code protocol} labels. A label combination is resolved in the
 * registry the first time it is seen and kept in a small copy-on-write table: a request then costs a scan of
 * a few ints and four updates, no allocation.
 */
public final class TrafficMeters {

    /** Method label values; anything else is {@code EXTENSION_METHOD} (bounded cardinality). */
    static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE",
            "EXTENSION_METHOD", "-"};
    /** Protocol label values, as Traefik names them. */
    static final String[] PROTOCOLS = {"http", "websocket", "sse"};
    public static final int PROTOCOL_HTTP = 0;
    public static final int PROTOCOL_WEBSOCKET = 1;
    public static final int PROTOCOL_SSE = 2;

    /** Records nothing (tests, tools). */
    public static final TrafficMeters NONE = new TrafficMeters(null, "none", Tags.empty(), new double[0]);

    private final MeterRegistry registry;
    private final String kind;
    private final Tags tags;
    private final Duration[] buckets;
    private volatile Table table = new Table(new int[0], new Series[0]);
    /** Set once the router or service is gone; guarded by this. */
    private boolean removed;

    TrafficMeters(MeterRegistry registry, String kind, Tags tags, double[] bucketsSeconds) {
        this.registry = registry;
        this.kind = kind;
        this.tags = tags;
        this.buckets = Arrays.stream(bucketsSeconds).mapToObj(s -> Duration.ofNanos((long) (s * 1e9))).toArray(Duration[]::new);
    }

    /** The index of a method's label value. */
    public static int method(String method) {
        for (int i = 0; i < METHODS.length - 2; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return "-".equals(method) ? METHODS.length - 1 : METHODS.length - 2;
    }

    /** One finished request. */
    public void record(int code, int method, int protocol, long nanos, long bytesIn, long bytesOut) {
        if (registry == null) {
            return;
        }
        Series s = series(code, method, protocol);
        if (s == null) {
            return; // a late request of a router or service that a reload removed: its series are gone for good
        }
        s.requests.increment();
        s.duration.record(nanos, TimeUnit.NANOSECONDS);
        if (bytesIn > 0) {
            s.requestBytes.increment(bytesIn);
        }
        if (bytesOut > 0) {
            s.responseBytes.increment(bytesOut);
        }
    }

    private Series series(int code, int method, int protocol) {
        int key = (code << 8) | (method << 2) | protocol;
        Table t = table;
        int[] keys = t.keys;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == key) {
                return t.series[i];
            }
        }
        return resolve(key, code, method, protocol);
    }

    /** Registers a new label combination; null once {@link #remove()}d, so a late request cannot bring series back. */
    private synchronized Series resolve(int key, int code, int method, int protocol) {
        if (removed) {
            return null;
        }
        Table t = table;
        for (int i = 0; i < t.keys.length; i++) {
            if (t.keys[i] == key) {
                return t.series[i];
            }
        }
        Tags all = tags.and("code", Integer.toString(code), "method", METHODS[method], "protocol", PROTOCOLS[protocol]);
        String p = "modelgate." + kind + ".";
        Series s = new Series(code,
                Counter.builder(p + "requests").tags(all).description("requests by " + kind + ", status code, method and protocol")
                        .register(registry),
                Timer.builder(p + "request.duration").tags(all).serviceLevelObjectives(buckets)
                        .description("request head to response end, by " + kind).register(registry),
                Counter.builder(p + "requests.bytes").tags(all).description("request body bytes, by " + kind)
                        .register(registry),
                Counter.builder(p + "responses.bytes").tags(all).description("response body bytes, by " + kind)
                        .register(registry));
        int[] keys = Arrays.copyOf(t.keys, t.keys.length + 1);
        Series[] series = Arrays.copyOf(t.series, t.series.length + 1);
        keys[keys.length - 1] = key;
        series[series.length - 1] = s;
        table = new Table(keys, series);
        return s;
    }

    /** What these meters counted so far (for the dashboard; allocates, never on the request path). */
    public TrafficSnapshot snapshot() {
        Series[] all = table.series;
        long[] byClass = new long[6];
        double sum = 0;
        long[] cumulative = new long[buckets.length];
        for (Series s : all) {
            long n = (long) s.requests.count();
            byClass[Math.min(5, Math.max(0, s.code / 100))] += n;
            var snap = s.duration.takeSnapshot();
            sum += snap.total(TimeUnit.SECONDS);
            var counts = snap.histogramCounts();
            for (int i = 0; i < counts.length && i < cumulative.length; i++) {
                cumulative[i] += (long) counts[i].count();
            }
        }
        double[] bounds = Arrays.stream(buckets).mapToDouble(d -> d.toNanos() / 1e9).toArray();
        return new TrafficSnapshot(byClass, sum, bounds, cumulative);
    }

    /** True if these are the meters of {@code value} under {@code key} (a router's service). */
    boolean tagged(String key, String value) {
        return value.equals(tags.stream().filter(t -> t.getKey().equals(key)).map(io.micrometer.core.instrument.Tag::getValue)
                .findFirst().orElse(null));
    }

    /**
     * Removes every meter from the registry (the router or service is gone) for good: requests still in flight
     * on the old configuration record nothing, rather than registering series no reload would ever remove.
     */
    synchronized void remove() {
        if (registry == null) {
            return;
        }
        removed = true;
        for (Series s : table.series) {
            registry.remove(s.requests);
            registry.remove(s.duration);
            registry.remove(s.requestBytes);
            registry.remove(s.responseBytes);
        }
        table = new Table(new int[0], new Series[0]);
    }

    private record Table(int[] keys, Series[] series) {
    }

    private record Series(int code, Counter requests, Timer duration, Counter requestBytes, Counter responseBytes) {
    }
}
