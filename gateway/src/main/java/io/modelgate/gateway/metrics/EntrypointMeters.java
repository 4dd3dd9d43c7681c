package io.modelgate.gateway.metrics;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An entry point's meters: its requests (every one, also those refused before routing) and its open
 * connections ({@code modelgate_open_connections{entrypoint, protocol="TCP"}}).
 */
public record EntrypointMeters(TrafficMeters requests, AtomicInteger openConnections) {

    /** Records nothing. */
    public static EntrypointMeters none() {
        return new EntrypointMeters(TrafficMeters.NONE, new AtomicInteger());
    }
}
