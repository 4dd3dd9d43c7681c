package io.modelgate.gateway.runtime;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.rule.RequestFacts;
import io.modelgate.discovery.rule.RouteIndex;
import io.modelgate.gateway.pipeline.Middleware;
import java.util.List;
import java.util.Map;

/**
 * One compiled, immutable routing configuration. The data plane reads it through
 * {@link RuntimeConfigHolder#current()} once per request and keeps using that instance for the whole
 * exchange, so a swap never changes a request in flight.
 *
 * @param routes      enabled routes, indexed by host and path prefix
 * @param routers     every router, enabled or not, by qualified name
 * @param services    every service by qualified name
 * @param middlewares every middleware by qualified name
 * @param problems    every configuration problem, from the providers and from compiling
 * @param gatewayPages the errors middleware for the gateway's own errors ({@code modelgate.errors.service}),
 *                     applied after the route's middlewares; or null
 */
public record RuntimeConfig(RouteIndex<Route> routes, Map<String, RouterView> routers, Map<String, ServiceView> services,
                            Map<String, MiddlewareView> middlewares, List<Problem> problems,
                            Middleware gatewayPages) {

    public RuntimeConfig {
        routers = Map.copyOf(routers);
        services = Map.copyOf(services);
        middlewares = Map.copyOf(middlewares);
        problems = List.copyOf(problems);
    }

    /** The route for a request, or {@code null} (404). */
    public Route route(RequestFacts request) {
        return routes.find(request);
    }
}
