package io.modelgate.auth;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.PATCH;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Users ({@code GET /users}, {@code GET /users/{name}} with its tokens, {@code POST /users},
 * {@code PATCH /users/{name}} to change the plan, {@code POST /users/{name}/suspend|resume}), plans
 * ({@code GET /plans}, {@code GET /plans/{name}}, {@code POST /plans}, {@code PATCH /plans/{name}}) and the
 * audit ({@code GET /audit?limit=100&target=…}, newest first).
 */
final class AccountAdminRoutes {

    /** @param plan the plan to create the user on, or to move it to */
    record UserRequest(String name, String plan) {
    }

    /**
     * A plan to create, or what to change (absent fields are kept).
     *
     * @param rate         {@code 10/s}, {@code 600/m}, {@code 5000/h} or {@code none}
     * @param monthlyQuota a number of requests, or {@code none}
     */
    record PlanRequest(String name, List<String> scopes, String rate, Object monthlyQuota) {

        PlanService.Change change() {
            return new PlanService.Change(scopes, rate, monthlyQuota == null ? null : monthlyQuota.toString());
        }
    }

    private AccountAdminRoutes() {
    }

    static RouterFunction<ServerResponse> routes(Services s) {
        return route(GET("/users"), req -> AdminRoutes.blocking(() -> s.users().list().stream().map(u -> user(s, u)).toList())
                        .flatMap(list -> AdminRoutes.json(HttpStatus.OK, list)))
                .andRoute(GET("/users/{name}"), req -> found(AdminRoutes.blocking(() -> s.users().find(req.pathVariable("name"))
                        .map(u -> {
                            Map<String, Object> out = user(s, u);
                            out.put("tokens", AdminViews.tokens(s.tokens().listOf(u.name()), s.clock().instant()));
                            return out;
                        })), HttpStatus.OK, "no user " + req.pathVariable("name")))
                .andRoute(POST("/users"), req -> AdminRoutes.body(req, UserRequest.class, "{name, plan}")
                        .map(u -> user(s, s.users().create(AdminRoutes.actor(req), u.name(), u.plan())))
                        .flatMap(out -> AdminRoutes.json(HttpStatus.CREATED, out)))
                .andRoute(PATCH("/users/{name}"), req -> found(AdminRoutes.body(req, UserRequest.class, "{plan}")
                        .map(u -> s.users().setPlan(AdminRoutes.actor(req), req.pathVariable("name"), u.plan())
                                .map(v -> user(s, v))), HttpStatus.OK, "no user " + req.pathVariable("name")))
                .andRoute(POST("/users/{name}/suspend"), req -> state(s, req, UserRecord.State.SUSPENDED))
                .andRoute(POST("/users/{name}/resume"), req -> state(s, req, UserRecord.State.ACTIVE))
                .andRoute(GET("/plans"), req -> AdminRoutes.blocking(() -> s.plans().list().stream().map(AdminViews::plan).toList())
                        .flatMap(list -> AdminRoutes.json(HttpStatus.OK, list)))
                .andRoute(GET("/plans/{name}"), req -> found(AdminRoutes.blocking(() -> s.plans().find(req.pathVariable("name"))
                        .map(AdminViews::plan)), HttpStatus.OK, "no plan " + req.pathVariable("name")))
                .andRoute(POST("/plans"), req -> AdminRoutes.body(req, PlanRequest.class, "{name, scopes, rate, monthlyQuota}")
                        .map(p -> AdminViews.plan(s.plans().create(AdminRoutes.actor(req), p.name(), p.change())))
                        .flatMap(out -> AdminRoutes.json(HttpStatus.CREATED, out)))
                .andRoute(PATCH("/plans/{name}"), req -> found(AdminRoutes.body(req, PlanRequest.class, "{scopes, rate, monthlyQuota}")
                        .map(p -> s.plans().update(AdminRoutes.actor(req), req.pathVariable("name"), p.change())
                                .map(AdminViews::plan)), HttpStatus.OK, "no plan " + req.pathVariable("name")))
                .andRoute(GET("/audit"), req -> AdminRoutes.blocking(() -> s.audit().list(req.queryParam("target").orElse(null),
                                limit(req.queryParam("limit").orElse("100"))).stream().map(AdminViews::audit).toList())
                        .flatMap(list -> AdminRoutes.json(HttpStatus.OK, list)));
    }

    private static Mono<ServerResponse> state(Services s, ServerRequest req, UserRecord.State state) {
        return found(AdminRoutes.blocking(() -> s.users().setState(AdminRoutes.actor(req), req.pathVariable("name"), state)
                .map(u -> user(s, u))), HttpStatus.OK, "no user " + req.pathVariable("name"));
    }

    private static <T> Mono<ServerResponse> found(Mono<Optional<T>> result, HttpStatus status, String missing) {
        return result.flatMap(o -> o.isPresent() ? AdminRoutes.json(status, o.get()) : AdminRoutes.error(HttpStatus.NOT_FOUND, missing));
    }

    private static Map<String, Object> user(Services s, UserRecord u) {
        return new LinkedHashMap<>(AdminViews.user(u, s.plans().find(u.plan()).orElse(null), s.quotaUsed(u.name())));
    }

    static int limit(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new IllegalArgumentException("limit must be a number from 1 to 10000, got '" + text + "'");
    }
}
