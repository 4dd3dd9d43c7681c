package io.modelgate.auth;

import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin API: {@code POST /tokens} (the token is in the answer, once), {@code GET /tokens},
 * {@code POST /tokens/{id}/rotate} (the successor, once), {@code DELETE /tokens/{id}}. Every call needs {@code Authorization: Bearer <admin secret>}, compared in
 * constant time.
 */
final class AdminRoutes {

    /**
     * A token to issue.
     *
     * @param scopes  {@link Scope}s: model names, path prefixes, optionally after methods, or {@code *}; empty or absent means {@code *}
     * @param expires lifetime such as {@code 30d}; absent for never
     */
    record CreateRequest(String user, String plan, List<String> scopes, String expires) {
    }

    /** @param overlap how long the old token keeps working, such as {@code 24h}; absent for 24h */
    record RotateRequest(String overlap) {
    }

    private AdminRoutes() {
    }

    static RouterFunction<ServerResponse> routes(TokenService tokens, byte[] secret) {
        return route(POST("/tokens"), req -> req.bodyToMono(CreateRequest.class)
                        .switchIfEmpty(Mono.error(new IllegalArgumentException("a JSON body {user, plan, scopes, expires} is required")))
                        .publishOn(Schedulers.boundedElastic())
                        .map(c -> {
                            var issued = tokens.create(c.user(), c.plan(), c.scopes(),
                                    c.expires() == null ? null : Durations.parse(c.expires()));
                            Map<String, Object> out = new LinkedHashMap<>(view(tokens.find(issued.id()).orElseThrow()));
                            out.put("token", issued.token());
                            return out;
                        })
                        .flatMap(out -> ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(out)))
                .andRoute(GET("/tokens"), req -> Mono.fromCallable(() -> tokens.list().stream().map(AdminRoutes::view).toList())
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(list -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(list)))
                .andRoute(POST("/tokens/{id}/rotate"), req -> req.bodyToMono(RotateRequest.class)
                        .defaultIfEmpty(new RotateRequest(null))
                        .publishOn(Schedulers.boundedElastic())
                        .map(r -> tokens.rotate(req.pathVariable("id"), r.overlap() == null ? TokenCli.DEFAULT_OVERLAP
                                : Durations.parse(r.overlap(), "overlap", true)))
                        .flatMap(rotation -> rotation.isEmpty() ? error(HttpStatus.NOT_FOUND, "no token " + req.pathVariable("id"))
                                : ServerResponse.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(rotated(tokens, rotation.get()))))
                .andRoute(DELETE("/tokens/{id}"), req -> Mono.fromCallable(() -> tokens.revoke(req.pathVariable("id")))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(found -> found ? ServerResponse.noContent().build()
                                : error(HttpStatus.NOT_FOUND, "no token " + req.pathVariable("id"))))
                .filter((req, next) -> authorized(req, secret) ? next.handle(req)
                        : ServerResponse.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"modelgate-admin\"")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("status", 401, "error", "the admin secret is required (Authorization: Bearer …)")))
                .filter((req, next) -> next.handle(req)
                        .onErrorResume(IllegalArgumentException.class, e -> error(HttpStatus.BAD_REQUEST, e.getMessage()))
                        .onErrorResume(IllegalStateException.class, e -> error(HttpStatus.CONFLICT, e.getMessage()))
                        .onErrorResume(ServerWebInputException.class, e -> error(HttpStatus.BAD_REQUEST,
                                "the body must be JSON, such as {\"user\":…, \"plan\":…, \"scopes\":[…], \"expires\":\"30d\"} "
                                        + "for POST /tokens or {\"overlap\":\"24h\"} for a rotation")));
    }

    private static Map<String, Object> rotated(TokenService tokens, TokenService.Rotation r) {
        Map<String, Object> out = new LinkedHashMap<>(view(tokens.find(r.successor().id()).orElseThrow()));
        out.put("token", r.successor().token());
        out.put("replaces", view(r.old()));
        return out;
    }

    static Map<String, Object> view(TokenRecord t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("user", t.user());
        m.put("plan", t.plan());
        m.put("scopes", t.scopes());
        m.put("created", t.created().toString());
        m.put("expires", t.expires() == null ? null : t.expires().toString());
        m.put("revoked", t.revoked() == null ? null : t.revoked().toString());
        m.put("replacedBy", t.replacedBy());
        m.put("retires", t.retires() == null ? null : t.retires().toString());
        return m;
    }

    private static Mono<ServerResponse> error(HttpStatus status, String message) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("status", status.value(), "error", message));
    }

    private static boolean authorized(ServerRequest req, byte[] secret) {
        String auth = req.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = auth.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(sha256(given), sha256(secret)); // equal lengths: no length leak either
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> split(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
