package io.modelgate.gateway.middleware.forwardauth;

import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.discovery.config.ForwardAuthSpec;
import io.modelgate.gateway.middleware.Middleware;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Asks an auth service before forwarding (Traefik's forwardAuth contract): a GET to the address with the
 * client's headers and {@code X-Forwarded-Method/-Uri} (the body is never sent); 2xx → the named response
 * headers replace whatever the client sent under those names, and the request goes on; anything else → the
 * auth service's answer goes back to the client as it came; unreachable or slow → 503, never forwarded.
 * A 2xx is remembered for its {@code Cache-Control: max-age} (see {@link AuthDecisions}), keyed by the
 * credential, host and model path.
 */
public final class ForwardAuthMiddleware implements Middleware {

    /** Headers the JDK client sets itself (or refuses), and hop-by-hop ones: never copied to the auth request. */
    private static final Set<String> NOT_COPIED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "http2-settings");
    private static final Set<String> NOT_RETURNED = Set.of("connection", "content-length", "keep-alive",
            "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection");

    private final URI address;
    private final boolean trustForwardHeader;
    private final Set<String> responseHeaders;
    private final Pattern responseRegex;
    private final Set<String> requestHeaders;
    private final long timeoutMillis;
    private final HttpClient http;
    private final AuthDecisions decisions;

    public ForwardAuthMiddleware(ForwardAuthSpec spec, Ticker ticker) {
        this.address = spec.address();
        this.trustForwardHeader = spec.trustForwardHeader();
        this.responseHeaders = lower(spec.authResponseHeaders());
        this.responseRegex = spec.authResponseHeadersRegex() == null ? null
                : Pattern.compile(spec.authResponseHeadersRegex(), Pattern.CASE_INSENSITIVE);
        this.requestHeaders = lower(spec.authRequestHeaders());
        this.timeoutMillis = spec.timeout().toMillis();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(spec.timeout()).build();
        this.decisions = new AuthDecisions(spec.maxCacheTtl(), ticker);
    }

    private static Set<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void onRequest(HttpRequest request, Continuation next) {
        HttpHeaders h = request.headers();
        stripIdentity(h); // whatever the client sent under the auth service's header names is never trusted
        String key = cacheKey(request);
        AuthDecisions.Decision cached = decisions.get(key);
        if (cached != null) {
            cached.headers().forEach(h::set);
            next.proceed();
            return;
        }
        java.net.http.HttpRequest.Builder auth = java.net.http.HttpRequest.newBuilder(address).GET()
                .timeout(java.time.Duration.ofMillis(timeoutMillis));
        for (Map.Entry<String, String> e : h) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (NOT_COPIED.contains(name) || (!requestHeaders.isEmpty() && !requestHeaders.contains(name))
                    || (!trustForwardHeader && name.startsWith("x-forwarded-method"))
                    || (!trustForwardHeader && name.startsWith("x-forwarded-uri"))) {
                continue;
            }
            auth.header(e.getKey(), e.getValue());
        }
        auth.setHeader("X-Forwarded-Method", request.method().name());
        auth.setHeader("X-Forwarded-Uri", request.uri());
        String host = h.get(HttpHeaderNames.HOST);
        if (host != null && !h.contains("X-Forwarded-Host")) {
            auth.setHeader("X-Forwarded-Host", host);
        }
        http.sendAsync(auth.build(), HttpResponse.BodyHandlers.ofByteArray())
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> decide(request, key, response, error, next));
    }

    private void decide(HttpRequest request, String key, HttpResponse<byte[]> response, Throwable error, Continuation next) {
        if (error != null) {
            next.refuse(503, "auth service unavailable"); // fail closed
            return;
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            Map<String, String> copy = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
                if (!copies(e.getKey()) || e.getValue().isEmpty()) {
                    continue;
                }
                String value = e.getValue().getFirst();
                if (!safe(value)) {
                    next.refuse(502, "bad auth response"); // never copy a header that could split the request
                    return;
                }
                copy.put(e.getKey(), value);
            }
            decisions.remember(key, response.headers().allValues("cache-control"), copy);
            copy.forEach(request.headers()::set);
            next.proceed();
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")
                    && values.stream().allMatch(ForwardAuthMiddleware::safe)) {
                headers.put(name, values);
            }
        });
        next.respond(status, headers, response.body());
    }

    private boolean copies(String name) {
        return responseHeaders.contains(name.toLowerCase(Locale.ROOT))
                || (responseRegex != null && responseRegex.matcher(name).matches());
    }

    private void stripIdentity(HttpHeaders h) {
        responseHeaders.forEach(h::remove);
        if (responseRegex != null) {
            List<String> doomed = new ArrayList<>();
            for (Map.Entry<String, String> e : h) {
                if (responseRegex.matcher(e.getKey()).matches()) {
                    doomed.add(e.getKey());
                }
            }
            doomed.forEach(h::remove);
        }
    }

    /** No CR, LF or NUL: a value that could end a header line is never copied. */
    static boolean safe(String value) {
        return value.indexOf('\r') < 0 && value.indexOf('\n') < 0 && value.indexOf('\0') < 0;
    }

    /**
     * The credential (Authorization, X-API-Key, or the api_key query parameter), host and model path, hashed;
     * null without a credential (nothing to cache on). The path part keeps a token allowed for one model
     * from reusing that decision for another.
     */
    static String cacheKey(HttpRequest request) {
        HttpHeaders h = request.headers();
        String credential = h.get(HttpHeaderNames.AUTHORIZATION);
        if (credential == null) {
            credential = h.get("X-API-Key");
        }
        if (credential == null) {
            List<String> q = new QueryStringDecoder(request.uri()).parameters().get("api_key");
            credential = q == null || q.isEmpty() ? null : "api_key " + q.getFirst();
        }
        if (credential == null) {
            return null;
        }
        String host = String.valueOf(h.get(HttpHeaderNames.HOST)).toLowerCase(Locale.ROOT);
        return sha256(credential + "\u0000" + host + "\u0000" + request.method().name() + "\u0000" + scope(request.uri()));
    }

    /** {@code /api/v1/<model>} for model paths, else the first path segment. */
    static String scope(String uri) {
        String path = new QueryStringDecoder(uri).path();
        String[] parts = path.split("/", 5);
        if (parts.length >= 4 && parts[1].equals("api") && parts[2].equals("v1")) {
            return "/api/v1/" + parts[3];
        }
        return parts.length >= 2 ? "/" + parts[1] : "/";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ForwardAuthMiddleware{" + address + "}";
    }
}
