package io.modelgate.auth;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code POST /tokens} (the token is in the answer, once), {@code GET /tokens[?user=…]} (with usage),
 * {@code POST /tokens/{id}/rotate} (the successor, once), {@code DELETE /tokens/{id}}.
 */
final class TokenAdminRoutes {

    /**
     * A token to issue.
     *
     * @param plan    the user's plan; needed only for a user that does not exist yet
     * @param scopes  {@link Scope}s: model names, path prefixes, optionally after methods, or {@code *}; empty or absent means {@code *}
     * @param expires lifetime such as {@code 30d}; absent for never
     */
    record CreateRequest(String user, String plan, List<String> scopes, String expires) {
    }

    /** @param overlap how long the old token keeps working, such as {@code 24h}; absent for 24h */
    record RotateRequest(String overlap) {
    }

    private TokenAdminRoutes() {
    }

    static RouterFunction<ServerResponse> routes(Services s) {
        TokenService tokens = s.tokens();
        return route(POST("/tokens"), req -> AdminRoutes.body(req, CreateRequest.class, "{user, plan, scopes, expires}")
                        .map(c -> {
                            var issued = tokens.create(AdminRoutes.actor(req), c.user(), c.plan(), c.scopes(),
                                    c.expires() == null ? null : Durations.parse(c.expires()));
                            return issued(s, issued, null);
                        })
                        .flatMap(out -> AdminRoutes.json(HttpStatus.CREATED, out)))
                .andRoute(GET("/tokens"), req -> AdminRoutes.blocking(() -> AdminViews.tokens(
                                req.queryParam("user").map(tokens::listOf).orElseGet(tokens::list), s.clock().instant()))
                        .flatMap(list -> AdminRoutes.json(HttpStatus.OK, list)))
                .andRoute(POST("/tokens/{id}/rotate"), req -> req.bodyToMono(RotateRequest.class)
                        .defaultIfEmpty(new RotateRequest(null))
                        .publishOn(reactor.core.scheduler.Schedulers.boundedElastic())
                        .map(r -> tokens.rotate(AdminRoutes.actor(req), req.pathVariable("id"), r.overlap() == null
                                ? TokenCli.DEFAULT_OVERLAP : Durations.parse(r.overlap(), "overlap", true)))
                        .flatMap(rotation -> rotation.isEmpty()
                                ? AdminRoutes.error(HttpStatus.NOT_FOUND, "no token " + req.pathVariable("id"))
                                : AdminRoutes.json(HttpStatus.CREATED, issued(s, rotation.get().successor(), rotation.get().old()))))
                .andRoute(DELETE("/tokens/{id}"), req -> AdminRoutes.blocking(() -> tokens.revoke(AdminRoutes.actor(req),
                                req.pathVariable("id")))
                        .flatMap(found -> found ? ServerResponse.noContent().build()
                                : AdminRoutes.error(HttpStatus.NOT_FOUND, "no token " + req.pathVariable("id"))));
    }

    /** A new token's record with the token itself (shown this once), and the token it replaces, if any. */
    private static Map<String, Object> issued(Services s, Tokens.Issued issued, TokenRecord replaces) {
        Map<String, Object> out = new LinkedHashMap<>(AdminViews.token(s.tokens().find(issued.id()).orElseThrow(),
                s.clock().instant()));
        out.put("token", issued.token());
        if (replaces != null) {
            out.put("replaces", AdminViews.token(replaces, s.clock().instant()));
        }
        return out;
    }
}
