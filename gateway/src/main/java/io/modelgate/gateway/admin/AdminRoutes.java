package io.modelgate.gateway.admin;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.modelgate.discovery.Problem;
import io.modelgate.gateway.proxy.EntrypointServer;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import io.modelgate.gateway.status.LiveProblems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin API on {@code modelgate.admin.port}: {@code /ping}, {@code /api/rawdata},
 * {@code /api/http/routers|services|middlewares[/{name}]}, {@code /api/problems}, {@code /api/overview},
 * {@code /api/entrypoints}, {@code /api/version} (Traefik's names and shapes where Traefik has them). The
 * dashboard's pages are {@code io.modelgate.gateway.dashboard}'s.
 */
@Configuration(proxyBeanMethods = false)
public class AdminRoutes {

    @Bean
    RouterFunction<ServerResponse> adminApi(RuntimeConfigHolder configs, LiveProblems live, EntrypointServer server) {
        return route(GET("/ping"), req -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("OK"))
                .andRoute(GET("/api/rawdata"), req -> json(AdminViews.rawData(configs.current())))
                .andRoute(GET("/api/http/routers"), req -> json(AdminViews.routers(configs.current())))
                .andRoute(GET("/api/http/services"), req -> json(AdminViews.services(configs.current())))
                .andRoute(GET("/api/http/middlewares"), req -> json(AdminViews.middlewares(configs.current())))
                .andRoute(GET("/api/http/routers/{name}"),
                        req -> one(configs.current().routers(), req.pathVariable("name"), AdminViews::router))
                .andRoute(GET("/api/http/services/{name}"),
                        req -> one(configs.current().services(), req.pathVariable("name"), AdminViews::service))
                .andRoute(GET("/api/http/middlewares/{name}"),
                        req -> one(configs.current().middlewares(), req.pathVariable("name"), AdminViews::middleware))
                .andRoute(GET("/api/problems"), req -> json(problems(configs.current().problems(), live.all())))
                .andRoute(GET("/api/overview"), req -> json(AdminViews.overview(configs.current(), configs.generation())))
                .andRoute(GET("/api/entrypoints"), req -> json(entrypoints(server)))
                .andRoute(GET("/api/version"), req -> json(Map.of("Version", VERSION, "Codename", "modelgate",
                        "startDate", STARTED.toString())));
    }

    private static final String VERSION = java.util.Objects.requireNonNullElse(
            AdminRoutes.class.getPackage().getImplementationVersion(), "dev");
    private static final java.time.Instant STARTED = java.time.Instant.now();

    /** Traefik's shape: each entry point's name and address ({@code :8080}, or {@code 10.0.0.1:8080}). */
    private static List<Map<String, Object>> entrypoints(EntrypointServer server) {
        return server.addresses().entrySet().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.getKey());
            m.put("address", e.getValue());
            return m;
        }).toList();
    }

    private static reactor.core.publisher.Mono<ServerResponse> json(Object body) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static <V> reactor.core.publisher.Mono<ServerResponse> one(Map<String, V> elements, String name,
                                                                      java.util.function.Function<V, Object> view) {
        V element = elements.get(name);
        return element == null
                ? ServerResponse.status(404).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("error", "not found"))
                : json(view.apply(element));
    }

    /** The configuration's problems, then the run-time ones (a Redis that stopped answering). */
    private static List<Map<String, Object>> problems(List<Problem> config, List<Problem> live) {
        return java.util.stream.Stream.concat(config.stream(), live.stream()).map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", p.provider());
            m.put("element", p.element());
            m.put("origin", p.origin());
            m.put("message", p.message());
            return m;
        }).toList();
    }
}
