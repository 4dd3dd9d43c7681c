package io.modelgate.discovery.config;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One provider's dynamic configuration, in Traefik's {@code http:} shape. Names inside are unqualified
 * (the provider's namespace is implied); references to other providers use {@code name@provider}.
 *
 * @param routers     routers by name
 * @param services    services by name
 * @param middlewares middlewares by name
 * @param origins     where each element was defined, keyed by {@link #originKey}: a file and line, or a
 *                    container and label; used to say where a problem came from
 * @param tls         certificates and TLS options (the file provider's {@code tls:} section)
 */
public record RoutingConfig(
        Map<String, RouterSpec> routers,
        Map<String, ServiceSpec> services,
        Map<String, MiddlewareSpec> middlewares,
        Map<String, String> origins,
        TlsConfig tls) {

    public static final RoutingConfig EMPTY = new RoutingConfig(Map.of(), Map.of(), Map.of(), Map.of());

    public RoutingConfig {
        routers = frozen(routers);
        services = frozen(services);
        middlewares = frozen(middlewares);
        origins = frozen(origins);
        requireNonNull(tls, "tls");
    }

    /** Without TLS configuration (every provider but the file provider). */
    public RoutingConfig(Map<String, RouterSpec> routers, Map<String, ServiceSpec> services,
                         Map<String, MiddlewareSpec> middlewares, Map<String, String> origins) {
        this(routers, services, middlewares, origins, TlsConfig.EMPTY);
    }

    /** Key into {@link #origins()}, e.g. {@code originKey("router", "echo")}. */
    public static String originKey(String kind, String name) {
        return kind + ":" + name;
    }

    /** Where the element was defined, or {@code "?"} if the provider did not say. */
    public String origin(String kind, String name) {
        return origins.getOrDefault(originKey(kind, name), "?");
    }

    private static <V> Map<String, V> frozen(Map<String, V> map) {
        requireNonNull(map, "map");
        // keep insertion order (file order) for readable API output; immutable either way
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
