package io.modelgate.gateway.middleware.forwardauth;

import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.discovery.config.ForwardAuthSpec;
import io.modelgate.gateway.net.ClientTls;
import io.modelgate.gateway.net.HttpGet;
import io.modelgate.gateway.pipeline.Identity;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.HeaderAliases;
import io.modelgate.gateway.pipeline.RequestControl;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Asks an auth service before forwarding (Traefik's forwardAuth contract): a GET to the address with the
 * client's headers and {@code X-Forwarded-Method/-Proto/-Host/-Uri/-For} (the body is never sent); 2xx → the
 * named response headers replace whatever the client sent under those names, and the request goes on;
 * anything else → the auth service's answer goes back to the client as it came; unreachable or slow → 503,
 * never forwarded. A 2xx is remembered for its {@code Cache-Control: max-age} (see {@link AuthDecisions}),
 * keyed by the credential, host and model path.
 *
 * <p>The call runs on the client connection's own event loop ({@link HttpGet}); nothing blocks.
 *
 * <p>Size: about 320 lines, kept whole because the decision cache, the shared in-flight call and the header
 * contract are one security-critical path best read top to bottom; {@link AuthDecisions} holds the pure part.
 */
public final class ForwardAuthMiddleware implements Middleware {

    /** Largest auth response body passed back to a client. */
    static final int MAX_AUTH_BODY = 64 * 1024;

    /** Hop-by-hop and framing headers: never copied to the auth request. */
    private static final Set<String> NOT_COPIED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "http2-settings");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "content-length", "keep-alive",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection");

    private final URI address;
    private final String host;
    private final int port;
    private final String hostHeader;
    private final String target;
    private final SslContext ssl;
    private final boolean trustForwardHeader;
    private final Set<String> responseHeaders;
    private final Pattern responseRegex;
    private final HeaderAliases identityAliases;
    /** The user headers in every alias form: removed once the auth service was asked, before its answer applies. */
    private static final HeaderAliases USER_ALIASES = HeaderAliases.of(AuthIdentity.USER_HEADERS);
    private final Set<String> requestHeaders;
    private final long timeoutMillis;
    private final HttpGet http;
    private final AuthDecisions decisions;
    private final String credentialCookie;
    /** Auth calls under way, by cache key: concurrent misses for one credential share one call. */
    private final java.util.concurrent.ConcurrentHashMap<String, CompletableFuture<HttpGet.Response>> inFlight =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder shared = new LongAdder();

    /** @throws IllegalArgumentException when {@code tls.ca} cannot be read */
    public ForwardAuthMiddleware(ForwardAuthSpec spec, HttpGet http, Ticker ticker) {
        this.address = spec.address();
        boolean https = "https".equalsIgnoreCase(address.getScheme());
        this.host = address.getHost();
        int defaultPort = https ? 443 : 80;
        this.port = address.getPort() < 0 ? defaultPort : address.getPort();
        this.hostHeader = port == defaultPort ? host : host + ":" + port;
        String path = address.getRawPath() == null || address.getRawPath().isEmpty() ? "/" : address.getRawPath();
        this.target = address.getRawQuery() == null ? path : path + "?" + address.getRawQuery();
        ForwardAuthSpec.Tls tls = spec.tls();
        this.ssl = !https ? null : tls == null ? ClientTls.defaults() : ClientTls.of(tls.ca(), tls.insecureSkipVerify());
        this.trustForwardHeader = spec.trustForwardHeader();
        this.responseHeaders = lower(spec.authResponseHeaders());
        this.responseRegex = spec.authResponseHeadersRegex() == null ? null
                : Pattern.compile(spec.authResponseHeadersRegex(), Pattern.CASE_INSENSITIVE);
        this.identityAliases = HeaderAliases.of(spec.authResponseHeaders());
        this.requestHeaders = lower(spec.authRequestHeaders());
        this.timeoutMillis = spec.timeout().toMillis();
        this.http = http;
        this.decisions = new AuthDecisions(spec.maxCacheTtl(), ticker);
        this.credentialCookie = spec.credentialCookie();
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        HttpHeaders h = request.headers();
        stripIdentity(h); // whatever the client sent under the auth service's header names is never trusted
        String key = AuthCacheKey.of(request, credentialCookie);
        AuthDecisions.Decision cached = decisions.get(key);
        if (cached != null) {
            hits.increment();
            USER_ALIASES.removeFrom(h);
            cached.headers().forEach(h::set);
            if (cached.identity() != null) {
                next.identify(cached.identity());
            }
            next.proceed();
            return;
        }
        call(request, key, next).whenComplete((response, error) -> decide(request, key, response, error, next));
    }

    /**
     * The auth service's answer for this request. Requests with the same key (credential, host, method, target)
     * get the same decision, so while one call is under way the others wait for it instead of asking again:
     * when a cached decision expires under load, the auth service sees one call, not one per connection. An
     * answer that may not be reused ({@code no-store}, no {@code max-age}: a service that counts each request
     * against a quota says so) is not shared either: each waiter then asks for itself.
     */
    private CompletableFuture<HttpGet.Response> call(HttpRequest request, String key, RequestControl next) {
        if (key == null) {
            return send(request, next);
        }
        CompletableFuture<HttpGet.Response> mine = new CompletableFuture<>();
        CompletableFuture<HttpGet.Response> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            shared.increment();
            return running.thenCompose(answer -> {
                if (reusable(answer)) {
                    return CompletableFuture.completedFuture(answer);
                }
                misses.increment(); // it asks for itself after all: a call of its own
                return send(request, next);
            });
        }
        misses.increment();
        send(request, next).whenComplete((response, error) -> {
            inFlight.remove(key, mine);
            if (error != null) {
                mine.completeExceptionally(error);
            } else {
                mine.complete(response);
            }
        });
        return mine;
    }

    /** Whether one answer may stand for another request's: a 2xx the cache would keep, or any refusal. */
    private boolean reusable(HttpGet.Response answer) {
        return answer.status() / 100 != 2 || decisions.keeps(answer.headers().getAll(HttpHeaderNames.CACHE_CONTROL));
    }

    private CompletableFuture<HttpGet.Response> send(HttpRequest request, RequestControl next) {
        var auth = new HttpGet.Request(host, port, ssl, hostHeader, target, authHeaders(request), timeoutMillis,
                MAX_AUTH_BODY);
        return http.get(next.eventLoop(), auth);
    }

    /**
     * The headers of the auth request: the client's (only {@code authRequestHeaders} when set; hop-by-hop ones
     * never), then {@code X-Forwarded-Method/-Proto/-Host/-Uri/-For}. Without {@code trustForwardHeader} every
     * {@code X-Forwarded-*} that came with the request is dropped and those five are the gateway's own view:
     * the method and URI as received, the direct peer's address (the last {@code X-Forwarded-For} entry, which
     * the gateway appended), {@code http}, and the {@code Host} header.
     */
    HttpHeaders authHeaders(HttpRequest request) {
        HttpHeaders h = request.headers();
        HttpHeaders out = new DefaultHttpHeaders();
        for (Map.Entry<String, String> e : h) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (NOT_COPIED.contains(name) || (!requestHeaders.isEmpty() && !requestHeaders.contains(name))
                    || (!trustForwardHeader && name.startsWith("x-forwarded-"))) {
                continue;
            }
            out.add(e.getKey(), e.getValue());
        }
        String forwardedFor = h.get("X-Forwarded-For");
        if (trustForwardHeader) {
            setIfAbsent(out, "X-Forwarded-Method", request.method().name());
            setIfAbsent(out, "X-Forwarded-Uri", request.uri());
            setIfAbsent(out, "X-Forwarded-Proto", "http");
            setIfAbsent(out, "X-Forwarded-Host", h.get(HttpHeaderNames.HOST));
            setIfAbsent(out, "X-Forwarded-For", forwardedFor);
        } else {
            out.set("X-Forwarded-Method", request.method().name());
            out.set("X-Forwarded-Uri", request.uri());
            out.set("X-Forwarded-Proto", "http");
            setIfAbsent(out, "X-Forwarded-Host", h.get(HttpHeaderNames.HOST));
            if (forwardedFor != null) {
                int comma = forwardedFor.lastIndexOf(',');
                out.set("X-Forwarded-For", forwardedFor.substring(comma + 1).trim());
            }
        }
        return out;
    }

    private static void setIfAbsent(HttpHeaders h, String name, String value) {
        if (value != null && !h.contains(name)) {
            h.set(name, value);
        }
    }

    private void decide(HttpRequest request, String key, HttpGet.Response response, Throwable error, RequestControl next) {
        if (error != null) {
            next.refuse(503, "auth service unavailable"); // fail closed
            return;
        }
        int status = response.status();
        if (status / 100 == 2) {
            Map<String, String> copy = new LinkedHashMap<>();
            for (String name : response.headers().names()) {
                if (!copies(name)) {
                    continue;
                }
                String value = response.headers().get(name);
                if (!safe(value)) {
                    next.refuse(502, "bad auth response"); // never copy a header that could split the request
                    return;
                }
                copy.put(name, value);
            }
            Identity identity = AuthIdentity.from(response.headers());
            decisions.remember(key, response.headers().getAll(HttpHeaderNames.CACHE_CONTROL), copy, identity);
            USER_ALIASES.removeFrom(request.headers()); // a trusted proxy's value went to the auth service, not further
            copy.forEach(request.headers()::set);
            if (identity != null) {
                next.identify(identity);
            }
            next.proceed();
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.headers().names()) {
            List<String> values = response.headers().getAll(name);
            if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT)) && values.stream().allMatch(ForwardAuthMiddleware::safe)) {
                headers.put(name, values);
            }
        }
        next.respond(status, headers, response.body());
    }

    private boolean copies(String name) {
        return responseHeaders.contains(name.toLowerCase(Locale.ROOT))
                || (responseRegex != null && responseRegex.matcher(name).matches());
    }

    /**
     * Every alias form ({@code X_Auth_User}, {@code x.auth.user}, …) of the names the auth service vouches for goes:
     * a backend that folds them would take the client's value for the service's.
     */
    private void stripIdentity(HttpHeaders h) {
        identityAliases.removeFrom(h);
        if (responseRegex != null) {
            HeaderAliases.removeFrom(h, name -> responseRegex.matcher(name).matches()
                    || responseRegex.matcher(HeaderAliases.canonical(name)).matches());
        }
    }

    /** No CR, LF or NUL: a value that could end a header line is never copied. */
    static boolean safe(String value) {
        return value.indexOf('\r') < 0 && value.indexOf('\n') < 0 && value.indexOf('\0') < 0;
    }

    /** Requests with a credential whose decision came from the cache. */
    public long cacheHits() {
        return hits.sum();
    }

    /** Requests with a credential that called the auth service (so: calls, credential-less ones aside). */
    public long cacheMisses() {
        return misses.sum();
    }

    /** Requests with a credential that waited for a call another request had already made. */
    public long cacheShared() {
        return shared.sum();
    }

    @Override
    public String toString() {
        return "ForwardAuthMiddleware{" + address + "}";
    }
}
