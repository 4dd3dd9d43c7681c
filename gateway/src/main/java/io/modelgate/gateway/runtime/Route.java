package io.modelgate.gateway.runtime;

import static java.util.Objects.requireNonNull;

import io.modelgate.gateway.middleware.Middleware;
import io.modelgate.gateway.middleware.errors.ErrorsMiddleware;
import java.util.List;

/**
 * A compiled, enabled router: what the data plane needs once a request matched.
 *
 * @param router      qualified router name ({@code echo@file})
 * @param service     the service that answers
 * @param middlewares the middlewares that act on requests and responses, in order, chains flattened
 * @param maxRequestBodyBytes  the strictest request body limit of the middlewares, 0 for none
 * @param maxResponseBodyBytes the strictest response body limit of the middlewares, 0 for none
 * @param errorPages  the errors middlewares among {@code middlewares}, outermost first
 */
public record Route(String router, ServicePool service, List<Middleware> middlewares, long maxRequestBodyBytes,
                    long maxResponseBodyBytes, List<ErrorsMiddleware> errorPages) {

    public Route {
        requireNonNull(router, "router");
        requireNonNull(service, "service");
        middlewares = List.copyOf(middlewares);
        errorPages = List.copyOf(errorPages);
    }

    /**
     * From the router's middlewares in order, chains flattened. The errors middlewares among them do nothing
     * on the way in or out, so they are kept apart in {@code errorPages}, off the per-request chain.
     */
    public Route(String router, ServicePool service, List<Middleware> middlewares) {
        this(router, service, middlewares.stream().filter(m -> !(m instanceof ErrorsMiddleware)).toList(),
                strictest(middlewares.stream().mapToLong(Middleware::maxRequestBodyBytes).toArray(), 0),
                strictest(middlewares.stream().mapToLong(Middleware::maxResponseBodyBytes).toArray(), 0),
                middlewares.stream().filter(ErrorsMiddleware.class::isInstance).map(ErrorsMiddleware.class::cast).toList());
    }

    /**
     * The errors middleware that gives a response with this status its page, or null. With several, the
     * outermost wins: in Traefik's nesting it would replace whatever the inner one produced.
     */
    public ErrorsMiddleware errorPages(int status) {
        for (ErrorsMiddleware m : errorPages) {
            if (m.covers(status)) {
                return m;
            }
        }
        return null;
    }

    /** The request body limit to apply: this route's own if its middlewares set one, else the gateway-wide default. */
    public long requestLimit(long gatewayDefault) {
        return maxRequestBodyBytes > 0 ? maxRequestBodyBytes : gatewayDefault;
    }

    private static long strictest(long[] limits, long fallback) {
        long min = fallback;
        for (long l : limits) {
            if (l > 0 && (min == 0 || l < min)) {
                min = l;
            }
        }
        return min;
    }
}
