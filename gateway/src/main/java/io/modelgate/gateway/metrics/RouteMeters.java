package io.modelgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;

/**
 * A route's meters, resolved when the configuration is compiled: its router's, its service's, and the
 * service's retry counter ({@code modelgate_service_retries_total}).
 */
public record RouteMeters(TrafficMeters router, TrafficMeters service, Counter retries) {

    /** Records nothing. */
    public static final RouteMeters NONE = new RouteMeters(TrafficMeters.NONE, TrafficMeters.NONE, null);

    /** One finished request of this route, sent {@code attempts} times to a server. */
    public void record(int code, int method, int protocol, long nanos, long bytesIn, long bytesOut, int attempts) {
        router.record(code, method, protocol, nanos, bytesIn, bytesOut);
        service.record(code, method, protocol, nanos, bytesIn, bytesOut);
        if (attempts > 1 && retries != null) {
            retries.increment(attempts - 1);
        }
    }
}
