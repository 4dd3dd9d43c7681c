package io.modelgate.gateway.admin;

import io.modelgate.gateway.config.ModelgateProperties;
import io.modelgate.gateway.middleware.basicauth.BasicAuthMiddleware;
import io.modelgate.gateway.middleware.basicauth.HtpasswdHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Who may use the admin port. {@code /ping} is always open (health checks). Requests from an internal
 * service ({@link InternalServices}) were let through by their router's own middlewares: they pass, limited
 * to what that service serves ({@code api}: {@code /api}, {@code /dashboard}; {@code prometheus}:
 * {@code /metrics}). Everything else needs basic auth from the htpasswd file or the bearer token, when either
 * is configured; with neither, the port is open (and listens on 127.0.0.1 by default).
 */
public final class AdminAccess implements WebFilter, Ordered {

    private final String internalPrefix;
    private final Map<String, HtpasswdHash> users;
    private final byte[] token;

    AdminAccess(String internalPrefix, Map<String, HtpasswdHash> users, String token) {
        this.internalPrefix = internalPrefix;
        this.users = users;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** From the settings; an unreadable file or a bad line stops the start with one line naming it. */
    static AdminAccess of(String internalPrefix, ModelgateProperties.AdminAuth auth) {
        Map<String, HtpasswdHash> users = null;
        if (auth.htpasswdFile() != null && !auth.htpasswdFile().isBlank()) {
            try {
                users = HtpasswdHash.parseLines(Files.readAllLines(Path.of(auth.htpasswdFile())));
            } catch (IOException e) {
                throw new IllegalArgumentException("modelgate.admin.auth.htpasswd-file " + auth.htpasswdFile()
                        + " cannot be read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("modelgate.admin.auth.htpasswd-file " + auth.htpasswdFile() + ": " + e.getMessage());
            }
        }
        String token = null;
        if (auth.tokenFile() != null && !auth.tokenFile().isBlank()) {
            try {
                token = Files.readString(Path.of(auth.tokenFile())).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("modelgate.admin.auth.token-file " + auth.tokenFile()
                        + " cannot be read: " + e.getMessage());
            }
            if (token.length() < 16) {
                throw new IllegalArgumentException("modelgate.admin.auth.token-file " + auth.tokenFile()
                        + ": the token is shorter than 16 characters; use e.g. openssl rand -hex 24");
            }
        }
        return new AdminAccess(internalPrefix, users, token);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith(internalPrefix)) {
            return internal(exchange, chain, path.substring(internalPrefix.length() - 1));
        }
        if (path.equals("/ping") || (users == null && token == null)) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (token != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(token, header.substring(7).strip().getBytes(StandardCharsets.UTF_8))) {
            return chain.filter(exchange);
        }
        String[] credentials = users == null ? null : BasicAuthMiddleware.credentials(header);
        HtpasswdHash hash = credentials == null ? null : users.get(credentials[0]);
        if (hash == null) {
            return refuse(exchange);
        }
        // bcrypt costs milliseconds: never on the admin server's event loop
        return Mono.fromCallable(() -> hash.matches(credentials[1])).subscribeOn(Schedulers.boundedElastic())
                .flatMap(ok -> ok ? chain.filter(exchange) : refuse(exchange));
    }

    /** {@code rest} is {@code /api/...} or {@code /prometheus/...}: the scope, then the path it may reach. */
    private static Mono<Void> internal(ServerWebExchange exchange, WebFilterChain chain, String rest) {
        int slash = rest.indexOf('/', 1);
        String scope = slash < 0 ? rest.substring(1) : rest.substring(1, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        boolean allowed = switch (scope) {
            case InternalServices.API -> path.equals("/api") || path.startsWith("/api/") || path.startsWith("/dashboard")
                    || path.startsWith("/webjars/");
            case InternalServices.PROMETHEUS -> path.equals("/metrics");
            default -> false;
        };
        if (!allowed) {
            exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
            return exchange.getResponse().setComplete();
        }
        return chain.filter(exchange.mutate().request(r -> r.path(path)).build());
    }

    private Mono<Void> refuse(ServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                users != null ? "Basic realm=\"modelgate admin\"" : "Bearer realm=\"modelgate admin\"");
        return exchange.getResponse().setComplete();
    }
}
