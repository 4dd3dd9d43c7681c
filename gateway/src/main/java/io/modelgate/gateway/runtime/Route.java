package io.modelgate.gateway.runtime;

import static java.util.Objects.requireNonNull;

import io.modelgate.gateway.middleware.Middleware;
import java.util.List;

/**
 * A compiled, enabled router: what the data plane needs once a request matched.
 *
 * @param router      qualified router name ({@code echo@file})
 * @param service     the service that answers
 * @param middlewares the middlewares in order, chains flattened
 */
public record Route(String router, ServicePool service, List<Middleware> middlewares) {

    public Route {
        requireNonNull(router, "router");
        requireNonNull(service, "service");
        middlewares = List.copyOf(middlewares);
    }
}
