package io.modelgate.auth;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /auth}, the gateway's forwardAuth endpoint: 200 with {@code X-Auth-User}, {@code X-Auth-Plan},
 * {@code X-Auth-Token-Id} and {@code Cache-Control: max-age}; 401 JSON with {@code WWW-Authenticate: Bearer}
 * for a missing or bad token; 403 JSON when the token's scopes do not cover the model. Refusals are
 * {@code no-store}, so they are never cached. And {@code GET /ping}.
 */
final class AuthRoutes {

    private AuthRoutes() {
    }

    static RouterFunction<ServerResponse> routes(TokenService tokens, AuthProperties props) {
        return route(GET("/auth"), req -> Mono.fromCallable(() -> decide(tokens, req))
                        .subscribeOn(Schedulers.boundedElastic()) // JDBC: off the event loop
                        .flatMap(d -> respond(d, props.cacheMaxAge(), tokens.clock().instant())))
                .andRoute(GET("/ping"), req -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("OK"));
    }

    private static TokenService.Decision decide(TokenService tokens, ServerRequest req) {
        var headers = req.headers().asHttpHeaders();
        String uri = headers.getFirst("X-Forwarded-Uri");
        return tokens.check(Credentials.token(headers), Target.of(headers.getFirst("X-Forwarded-Method"),
                uri == null ? req.uri().getRawPath() : uri));
    }

    /**
     * False when the gateway must not reuse the 200: it keys cached decisions on the credential, method and
     * {@code /api/v1/<model>} (else the first segment), so a token scoped to one app's path prefix would pass
     * for a sibling app from the cache.
     */
    static boolean cacheable(TokenRecord token) {
        return token.parsedScopes().stream().allMatch(Scope::decidedByGatewayKey);
    }

    /** A 200 may be reused for the configured max-age, never past the token's expiry or the end of its rotation's overlap. */
    static java.time.Duration maxAge(java.time.Duration configured, TokenRecord token, java.time.Instant now) {
        if (token.end() == null) {
            return configured;
        }
        java.time.Duration left = java.time.Duration.between(now, token.end()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return left.compareTo(configured) < 0 ? (left.isNegative() ? java.time.Duration.ZERO : left) : configured;
    }

    private static Mono<ServerResponse> respond(TokenService.Decision d, java.time.Duration maxAge, java.time.Instant now) {
        return switch (d) {
            case TokenService.Decision.Allowed a -> ServerResponse.ok()
                    .header("X-Auth-User", a.token().user())
                    .header("X-Auth-Plan", a.token().plan())
                    .header("X-Auth-Token-Id", a.token().id())
                    .cacheControl(cacheable(a.token()) ? CacheControl.maxAge(maxAge(maxAge, a.token(), now)) : CacheControl.noStore())
                    .build();
            case TokenService.Decision.Unauthenticated u -> ServerResponse.status(HttpStatus.UNAUTHORIZED)
                    .header("WWW-Authenticate", u.tokenGiven()
                            ? "Bearer realm=\"modelgate\", error=\"invalid_token\"" : "Bearer realm=\"modelgate\"")
                    .cacheControl(CacheControl.noStore())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("status", 401, "error", u.error()));
            case TokenService.Decision.Forbidden f -> ServerResponse.status(HttpStatus.FORBIDDEN)
                    .cacheControl(CacheControl.noStore())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("status", 403, "error", f.message()));
        };
    }
}
