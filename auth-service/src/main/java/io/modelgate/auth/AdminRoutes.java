package io.modelgate.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
 * The admin API: tokens ({@link TokenAdminRoutes}), users, plans and the audit ({@link AccountAdminRoutes}).
 * Every call needs {@code Authorization: Bearer <an admin secret>} (compared in constant time); the
 * credential's name is the actor every action is recorded under. Bad input is 400, a missing thing 404, an
 * action the thing's state forbids 409, each with {@code {"status":…,"error":"…"}}.
 */
final class AdminRoutes {

    private static final String ACTOR = AdminRoutes.class.getName() + ".actor";

    private AdminRoutes() {
    }

    static RouterFunction<ServerResponse> routes(Services services, AdminCredentials credentials) {
        return TokenAdminRoutes.routes(services)
                .and(AccountAdminRoutes.routes(services))
                .filter((req, next) -> credentials.actor(req.headers().firstHeader(HttpHeaders.AUTHORIZATION))
                        .map(actor -> {
                            req.attributes().put(ACTOR, actor);
                            return next.handle(req);
                        })
                        .orElseGet(() -> ServerResponse.status(HttpStatus.UNAUTHORIZED)
                                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"modelgate-admin\"")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(new ErrorBody(401, "an admin secret is required (Authorization: Bearer …)"))))
                .filter((req, next) -> next.handle(req)
                        .onErrorResume(IllegalArgumentException.class, e -> error(HttpStatus.BAD_REQUEST, e.getMessage()))
                        .onErrorResume(IllegalStateException.class, e -> error(HttpStatus.CONFLICT, e.getMessage()))
                        .onErrorResume(ServerWebInputException.class, e -> error(HttpStatus.BAD_REQUEST,
                                "the body must be JSON of the call's form (docs/auth-service.md), such as "
                                        + "{\"user\":…, \"plan\":…, \"scopes\":[…], \"expires\":\"30d\"} for POST /tokens")));
    }

    /** The admin credential's name the call was made with. */
    static String actor(ServerRequest req) {
        return (String) req.attributes().get(ACTOR);
    }

    /** Blocking work (JDBC) off the event loop. */
    static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

    /** A JSON body, or 400 naming the call's form when there is none. */
    static <T> Mono<T> body(ServerRequest req, Class<T> type, String form) {
        return req.bodyToMono(type).switchIfEmpty(Mono.error(new IllegalArgumentException("a JSON body " + form + " is required")))
                .publishOn(Schedulers.boundedElastic());
    }

    static Mono<ServerResponse> json(HttpStatus status, Object body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    static Mono<ServerResponse> error(HttpStatus status, String message) {
        return json(status, new ErrorBody(status.value(), message));
    }

    static List<String> split(String csv) {
        return csv == null ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
