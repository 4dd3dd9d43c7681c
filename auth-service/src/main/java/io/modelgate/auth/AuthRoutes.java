package io.modelgate.auth;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
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
 * {@code X-Auth-Token-Id}, the plan's rate ({@code X-Auth-Rate-Limit}, {@code X-Auth-Rate-Period}) and quota
 * ({@code X-Auth-Quota-Limit}, {@code -Remaining}, {@code -Reset}) and {@code Cache-Control: max-age}; 401 JSON
 * with {@code WWW-Authenticate: Bearer} for a missing or bad token; 403 JSON naming what the scopes do not
 * cover; 429 JSON with {@code Retry-After} when the quota is used up. Refusals are {@code no-store}, so they
 * are never cached; so are 200s the gateway must not reuse (a quota counts every request). And {@code GET /ping}.
 */
final class AuthRoutes {

    private AuthRoutes() {
    }

    static RouterFunction<ServerResponse> routes(AccessCheck access, AuthProperties props) {
        return route(GET("/auth"), req -> decision(access, req)
                        .flatMap(d -> respond(d, props.cacheMaxAge(), access.clock().instant())))
                .andRoute(GET("/ping"), req -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue("OK"));
    }

    /** Decided on the event loop when no database read is needed, else on a thread meant for blocking (JDBC). */
    private static Mono<AccessCheck.Decision> decision(AccessCheck access, ServerRequest req) {
        var headers = req.headers().asHttpHeaders();
        String uri = headers.getFirst("X-Forwarded-Uri");
        String token = Credentials.token(headers);
        Target target = Target.of(headers.getFirst("X-Forwarded-Method"), uri == null ? req.uri().getRawPath() : uri);
        AccessCheck.Decision quick = access.checkWithoutBlocking(token, target);
        return quick != null ? Mono.just(quick)
                : Mono.fromCallable(() -> access.check(token, target)).subscribeOn(Schedulers.boundedElastic());
    }

    /** A 200 may be reused for the configured max-age, never past the token's expiry or the end of its rotation's overlap. */
    static Duration maxAge(Duration configured, TokenRecord token, Instant now) {
        if (token.end() == null) {
            return configured;
        }
        Duration left = Duration.between(now, token.end()).truncatedTo(ChronoUnit.SECONDS);
        return left.compareTo(configured) < 0 ? (left.isNegative() ? Duration.ZERO : left) : configured;
    }

    private static Mono<ServerResponse> respond(AccessCheck.Decision d, Duration maxAge, Instant now) {
        return switch (d) {
            case AccessCheck.Decision.Allowed a -> {
                ServerResponse.BodyBuilder ok = ServerResponse.ok()
                        .header("X-Auth-User", a.token().user())
                        .header("X-Auth-Plan", a.plan().name())
                        .header("X-Auth-Token-Id", a.token().id());
                planHeaders(ok, a.plan(), a.quota(), now);
                yield ok.cacheControl(a.cacheable() ? CacheControl.maxAge(maxAge(maxAge, a.token(), now)) : CacheControl.noStore())
                        .build();
            }
            case AccessCheck.Decision.Unauthenticated u -> ServerResponse.status(HttpStatus.UNAUTHORIZED)
                    .header("WWW-Authenticate", u.tokenGiven()
                            ? "Bearer realm=\"modelgate\", error=\"invalid_token\"" : "Bearer realm=\"modelgate\"")
                    .cacheControl(CacheControl.noStore())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(new ErrorBody(401, u.error()));
            case AccessCheck.Decision.Forbidden f -> ServerResponse.status(HttpStatus.FORBIDDEN)
                    .cacheControl(CacheControl.noStore())
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(new ErrorBody(403, f.message()));
            case AccessCheck.Decision.QuotaExceeded q -> {
                ServerResponse.BodyBuilder tooMany = ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header("Retry-After", Long.toString(q.quota().retryAfterSeconds(now)));
                planHeaders(tooMany, q.plan(), q.quota(), now);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", 429);
                body.put("error", "monthly quota of " + q.quota().limit() + " requests used up (plan '" + q.plan().name()
                        + "'); it resets at " + q.quota().resets());
                body.put("resets", q.quota().resets().toString());
                yield tooMany.cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
            }
        };
    }

    /** The plan's rate for the gateway's per-plan rate limit, and the quota as it stands. */
    private static void planHeaders(ServerResponse.BodyBuilder b, Plan plan, QuotaCounter.Admission quota, Instant now) {
        if (plan.rate() != null) {
            b.header("X-Auth-Rate-Limit", Integer.toString(plan.rate().limit()));
            b.header("X-Auth-Rate-Period", plan.rate().periodText());
        }
        if (quota != null) {
            b.header("X-Auth-Quota-Limit", Long.toString(quota.limit()));
            b.header("X-Auth-Quota-Remaining", Long.toString(quota.remaining()));
            b.header("X-Auth-Quota-Reset", Long.toString(quota.retryAfterSeconds(now)));
        }
    }
}
