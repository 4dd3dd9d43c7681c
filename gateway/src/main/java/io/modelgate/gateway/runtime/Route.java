package io.modelgate.gateway.runtime;

import static java.util.Objects.requireNonNull;

import io.modelgate.gateway.lb.ServiceTarget;
import io.modelgate.gateway.metrics.RouteMeters;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.ResponseControl;
import io.modelgate.gateway.pipeline.UpstreamCall;
import io.netty.handler.codec.http.HttpResponse;
import java.util.List;

/**
 * A compiled, enabled router: what the data plane needs once a request matched.
 *
 * @param router       qualified router name ({@code echo@file})
 * @param service      the service it names: one pool, or a weighted share among pools
 * @param middlewares  the middlewares in order (outermost first), chains flattened
 * @param interceptors for each middleware, whether it looks at responses (the others are skipped on the way out)
 * @param wrapsCall    true if any middleware wraps the call to the service
 * @param meters       its router's and service's request meters, resolved at compile time
 * @param middlewareNames the qualified name of each middleware, in the same order (for the access log)
 */
public record Route(String router, ServiceTarget service, List<Middleware> middlewares, boolean[] interceptors,
                    boolean wrapsCall, RouteMeters meters, List<String> middlewareNames) {

    public Route {
        requireNonNull(router, "router");
        requireNonNull(service, "service");
        middlewares = List.copyOf(middlewares);
        requireNonNull(meters, "meters");
        middlewareNames = List.copyOf(middlewareNames);
        if (middlewareNames.size() != middlewares.size()) {
            throw new IllegalArgumentException("one name per middleware");
        }
    }

    /** From the router's middlewares in order, chains flattened. */
    public Route(String router, ServiceTarget service, List<Middleware> middlewares, List<String> middlewareNames,
                 RouteMeters meters) {
        this(router, service, middlewares, interceptors(middlewares),
                middlewares.stream().anyMatch(m -> overrides(m, "aroundCall", UpstreamCall.class)), meters, middlewareNames);
    }

    /** Without meters, middlewares named by their {@code toString()} (tests, internal routes). */
    public Route(String router, ServiceTarget service, List<Middleware> middlewares) {
        this(router, service, middlewares, middlewares.stream().map(String::valueOf).toList(), RouteMeters.NONE);
    }

    /** True if middleware {@code i} has a response hook. */
    public boolean intercepts(int i) {
        return interceptors[i];
    }

    private static boolean[] interceptors(List<Middleware> middlewares) {
        boolean[] out = new boolean[middlewares.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = overrides(middlewares.get(i), "onResponse", HttpResponse.class, ResponseControl.class);
        }
        return out;
    }

    /** Checked once per compile, so the request path calls no empty default method. */
    private static boolean overrides(Middleware m, String method, Class<?>... parameters) {
        try {
            return m.getClass().getMethod(method, parameters).getDeclaringClass() != Middleware.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the middleware contract has " + method, e);
        }
    }

    @Override
    public String toString() {
        return "Route[" + router + " -> " + service.name() + ", " + middlewares + "]";
    }
}
