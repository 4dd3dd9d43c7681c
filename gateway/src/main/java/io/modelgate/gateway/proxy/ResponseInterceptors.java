package io.modelgate.gateway.proxy;

import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.runtime.Route;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Passes a response back out through the middlewares the request came in through, innermost first, and then,
 * for one of the gateway's own errors, through the gateway-wide errors middleware ({@code modelgate.errors.*}).
 * A middleware that replaces or refuses the response stops the walk there; the caller resumes it from that
 * position with the new response.
 */
final class ResponseInterceptors {

    /** {@link #walk} went through every layer: the response goes out as it is. */
    static final int DONE = Integer.MIN_VALUE;
    /** The position of the gateway-wide pages, outside the route's outermost middleware. */
    static final int GATEWAY_PAGES = -1;

    private ResponseInterceptors() {
    }

    /**
     * Runs the response hooks of the layers below {@code from} (middleware indexes {@code from-1} down to 0, then
     * the gateway-wide pages). Returns {@link #DONE}, or the position of the layer that set
     * {@link Exchange#replacement} or {@link Exchange#refusedStatus} on {@code e}.
     */
    static int walk(Exchange e, HttpResponse response, int from) {
        e.status = response.status().code();
        Route route = e.route;
        if (route != null) {
            for (int i = Math.min(from, route.middlewares().size()) - 1; i >= 0; i--) {
                if (route.intercepts(i) && call(route.middlewares().get(i), e, response)) {
                    return i;
                }
            }
        }
        if (from > GATEWAY_PAGES && e.ownError && e.config.gatewayPages() != null
                && call(e.config.gatewayPages(), e, response)) {
            return GATEWAY_PAGES;
        }
        return DONE;
    }

    /** True if {@code m} replaced or refused the response. */
    private static boolean call(Middleware m, Exchange e, HttpResponse response) {
        e.replacement = null;
        e.refusedStatus = 0;
        m.onResponse(response, e);
        return e.replacement != null || e.refusedStatus != 0;
    }
}
