package io.modelgate.gateway.runtime;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.rule.RequestFacts;
import io.modelgate.discovery.rule.RouteIndex;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.tls.TlsSetup;
import java.util.List;
import java.util.Map;

/**
 * One compiled, immutable routing configuration. The data plane reads it through
 * {@link RuntimeConfigHolder#current()} once per request and keeps using that instance for the whole
 * exchange, so a swap never changes a request in flight.
 *
 * @param routes      enabled routes by entry point name, indexed by host and path prefix ({@link #ANY_ENTRYPOINT}:
 *                    the same routes on every entry point)
 * @param routers     every router, enabled or not, by qualified name
 * @param services    every service by qualified name
 * @param middlewares every middleware by qualified name
 * @param problems    every configuration problem, from the providers and from compiling
 * @param gatewayPages the errors middleware for the gateway's own errors ({@code modelgate.errors.service}),
 *                     applied after the route's middlewares; or null
 * @param tls          certificates and TLS options for the entry points that terminate TLS
 */
public record RuntimeConfig(Map<String, RouteIndex<Route>> routes, Map<String, RouterView> routers,
                            Map<String, ServiceView> services, Map<String, MiddlewareView> middlewares,
                            List<Problem> problems, Middleware gatewayPages, TlsSetup tls) {

    /** Key of {@link #routes()} for routes served on every entry point. */
    public static final String ANY_ENTRYPOINT = "*";

    public RuntimeConfig {
        routes = Map.copyOf(routes);
        routers = Map.copyOf(routers);
        services = Map.copyOf(services);
        middlewares = Map.copyOf(middlewares);
        problems = List.copyOf(problems);
    }

    /** The same routes on every entry point, no TLS (tests, tools). */
    public RuntimeConfig(RouteIndex<Route> routes, Map<String, RouterView> routers, Map<String, ServiceView> services,
                         Map<String, MiddlewareView> middlewares, List<Problem> problems, Middleware gatewayPages) {
        this(Map.of(ANY_ENTRYPOINT, routes), routers, services, middlewares, problems, gatewayPages, TlsSetup.EMPTY);
    }

    /** The route for a request on an entry point, or {@code null} (404). */
    public Route route(String entrypoint, RequestFacts request) {
        RouteIndex<Route> index = routes.get(entrypoint);
        if (index == null) {
            index = routes.get(ANY_ENTRYPOINT);
        }
        return index == null ? null : index.find(request);
    }

    /** The route for a request on the {@code web} entry point, or {@code null}. */
    public Route route(RequestFacts request) {
        return route("web", request);
    }
}
