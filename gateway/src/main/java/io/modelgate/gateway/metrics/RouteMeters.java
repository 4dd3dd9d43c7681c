package io.modelgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import java.util.List;

/**
 * A route's meters, resolved when the configuration is compiled: its router's, and for each service that may
 * answer (one, or the services of a weighted one, in the order of its pools) that service's meters and retry
 * counter ({@code modelgate_service_retries_total}).
 */
public record RouteMeters(TrafficMeters router, List<TrafficMeters> services, List<Counter> retries) {

    /** Records nothing. */
    public static final RouteMeters NONE = new RouteMeters(TrafficMeters.NONE, List.of(), List.of());

    public RouteMeters {
        services = List.copyOf(services);
        retries = List.copyOf(retries);
        if (services.size() != retries.size()) {
            throw new IllegalArgumentException("a retry counter per service");
        }
    }

    /**
     * One finished request of this route, sent {@code attempts} times to a server of service {@code service}
     * (an index of the route's pools; -1 when it was answered before a service was chosen: router meters only).
     */
    public void record(int service, int code, int method, int protocol, long nanos, long bytesIn, long bytesOut, int attempts) {
        router.record(code, method, protocol, nanos, bytesIn, bytesOut);
        if (service < 0 || service >= services.size()) {
            return;
        }
        services.get(service).record(code, method, protocol, nanos, bytesIn, bytesOut);
        if (attempts > 1) {
            retries.get(service).increment(attempts - 1);
        }
    }
}
