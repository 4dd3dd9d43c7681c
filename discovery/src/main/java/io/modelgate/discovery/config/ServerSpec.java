package io.modelgate.discovery.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * One upstream server.
 *
 * @param url    {@code http://host:port} or {@code https://host:port}, optionally with a base path
 * @param weight relative share of requests for weighted round robin; at least 1 (0 takes the server out)
 * @param draining the server is stopping: it keeps its sticky clients but gets no new ones
 */
public record ServerSpec(URI url, int weight, boolean draining) {

    public ServerSpec(URI url, int weight) {
        this(url, weight, false);
    }

    public ServerSpec {
        requireNonNull(url, "url");
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be >= 0, got " + weight);
        }
    }

    public static ServerSpec of(String url) {
        return new ServerSpec(URI.create(url), 1);
    }
}
