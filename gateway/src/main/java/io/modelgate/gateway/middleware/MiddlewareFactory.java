package io.modelgate.gateway.middleware;

import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.discovery.config.BasicAuthSpec;
import io.modelgate.discovery.config.BufferingSpec;
import io.modelgate.discovery.config.ChainSpec;
import io.modelgate.discovery.config.ErrorsSpec;
import io.modelgate.discovery.config.ForwardAuthSpec;
import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.discovery.config.CircuitBreakerSpec;
import io.modelgate.discovery.config.InFlightReqSpec;
import io.modelgate.discovery.config.RateLimitSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RedirectSchemeSpec;
import io.modelgate.discovery.config.RetrySpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.gateway.middleware.redirectscheme.RedirectSchemeMiddleware;
import io.modelgate.gateway.middleware.basicauth.BasicAuthMiddleware;
import io.modelgate.gateway.middleware.buffering.BufferingMiddleware;
import io.modelgate.gateway.middleware.errors.ErrorsMiddleware;
import io.modelgate.gateway.middleware.errors.PageCache;
import io.modelgate.gateway.middleware.forwardauth.ForwardAuthMiddleware;
import io.modelgate.gateway.middleware.headers.HeadersMiddleware;
import io.modelgate.gateway.middleware.circuitbreaker.CircuitBreakerMiddleware;
import io.modelgate.gateway.middleware.inflightreq.InFlightReqMiddleware;
import io.modelgate.gateway.middleware.retry.RetryMiddleware;
import io.modelgate.gateway.middleware.ratelimit.RateLimitMiddleware;
import io.modelgate.gateway.middleware.ratelimit.RateLimits;
import io.modelgate.gateway.middleware.stripprefix.StripPrefixMiddleware;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.net.HttpGet;
import io.modelgate.gateway.pipeline.Middleware;
import java.io.IOException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Builds the middleware for a spec. Chains are flattened by the compiler, never built here.
 *
 * <p>State worth keeping — forwardAuth's decision cache, errors' page cache — survives a configuration
 * reload as long as the middleware keeps its name and spec: a container starting elsewhere must not empty
 * every cache. Used by one compile at a time: {@link #build} during a compile, {@link #commit} after it.
 */
public final class MiddlewareFactory {

    private final HttpGet http;
    private final Ticker ticker;
    private final MeterRegistry registry;
    private final Map<Object, List<Meter>> meters = new IdentityHashMap<>();
    private final long pageTimeoutMillis;
    private final RateLimits rateLimits;
    private Map<Key, Object> retained = new HashMap<>();
    private final Map<Key, Object> next = new HashMap<>();

    /**
     * @param http              the client forwardAuth and errors call other services with
     * @param ticker            the caches' clock
     * @param meters            where forwardAuth's cache hits and misses are counted
     * @param pageTimeoutMillis error page fetch timeout, connect included
     */
    public MiddlewareFactory(HttpGet http, Ticker ticker, MeterRegistry meters, long pageTimeoutMillis) {
        this(http, ticker, meters, pageTimeoutMillis, RateLimits.inMemory());
    }

    /** @param rateLimits where rateLimit middlewares keep their buckets (memory or Redis) */
    public MiddlewareFactory(HttpGet http, Ticker ticker, MeterRegistry meters, long pageTimeoutMillis, RateLimits rateLimits) {
        this.http = http;
        this.ticker = ticker;
        this.registry = meters;
        this.pageTimeoutMillis = pageTimeoutMillis;
        this.rateLimits = rateLimits;
    }

    /** A factory with no network client: auth calls fail (503) and error pages are the built-in ones. For tests. */
    public static MiddlewareFactory withoutNetwork() {
        return new MiddlewareFactory((loop, request) -> CompletableFuture.failedFuture(new IOException("no network")),
                Ticker.systemTicker(), new SimpleMeterRegistry(), 1000);
    }

    /**
     * @param name     the middleware's qualified name ({@code auth@file})
     * @param services this configuration's services by qualified name, for errors' service
     */
    public Middleware build(String name, MiddlewareSpec spec, Function<String, ServicePool> services) {
        return switch (spec) {
            case StripPrefixSpec s -> new StripPrefixMiddleware(s);
            case HeadersSpec h -> new HeadersMiddleware(h);
            case ChainSpec c -> throw new IllegalArgumentException("chain is flattened, not built: " + c);
            case BufferingSpec b -> new BufferingMiddleware(b);
            case BasicAuthSpec a -> new BasicAuthMiddleware(a);
            case ForwardAuthSpec f -> keep(name, f, () -> forwardAuth(name, f));
            case ErrorsSpec e -> errors(name, e, services.apply(e.service()));
            case RateLimitSpec r -> keep(name, r, () -> rateLimit(name, r)); // one bucket set, every router using it
            case InFlightReqSpec f -> keep(name, f, () -> inFlightReq(name, f)); // one count, every router using it
            case RedirectSchemeSpec r -> new RedirectSchemeMiddleware(r);
            case CircuitBreakerSpec c -> keep(name, c, () -> circuitBreaker(name, c)); // its state outlives reloads
            case RetrySpec r -> new RetryMiddleware(r);
        };
    }

    /** An errors middleware; {@code pool} null when its service does not exist (built-in pages then). */
    public Middleware errors(String name, ErrorsSpec spec, ServicePool pool) {
        return new ErrorsMiddleware(spec, pool, keep(name, spec, () -> new PageCache(ticker)), http, pageTimeoutMillis);
    }

    private ForwardAuthMiddleware forwardAuth(String name, ForwardAuthSpec spec) {
        ForwardAuthMiddleware m = new ForwardAuthMiddleware(spec, http, ticker);
        List<Meter> registered = List.of(
                FunctionCounter.builder("modelgate.forwardauth.cache", m, ForwardAuthMiddleware::cacheHits)
                        .tags("middleware", name, "result", "hit")
                        .description("requests whose auth decision came from the cache").register(registry),
                FunctionCounter.builder("modelgate.forwardauth.cache", m, ForwardAuthMiddleware::cacheMisses)
                        .tags("middleware", name, "result", "miss")
                        .description("requests with a credential that called the auth service").register(registry),
                FunctionCounter.builder("modelgate.forwardauth.cache", m, ForwardAuthMiddleware::cacheShared)
                        .tags("middleware", name, "result", "shared")
                        .description("requests with a credential that waited for another request's auth call").register(registry));
        this.meters.put(m, registered);
        return m;
    }

    private CircuitBreakerMiddleware circuitBreaker(String name, CircuitBreakerSpec spec) {
        CircuitBreakerMiddleware m = new CircuitBreakerMiddleware(name, spec);
        this.meters.put(m, List.of(
                FunctionCounter.builder("modelgate.circuitbreaker.refused", m, CircuitBreakerMiddleware::refused)
                        .tags("middleware", name).description("calls refused while the circuit was open").register(registry),
                FunctionCounter.builder("modelgate.circuitbreaker.transitions", m, CircuitBreakerMiddleware::transitions)
                        .tags("middleware", name).description("circuit breaker state changes").register(registry)));
        return m;
    }

    private InFlightReqMiddleware inFlightReq(String name, InFlightReqSpec spec) {
        InFlightReqMiddleware m = new InFlightReqMiddleware(spec);
        this.meters.put(m, List.of(FunctionCounter.builder("modelgate.inflightreq.rejected", m, InFlightReqMiddleware::rejected)
                .tags("middleware", name).description("requests refused with 429 by inFlightReq").register(registry)));
        return m;
    }

    private RateLimitMiddleware rateLimit(String name, RateLimitSpec spec) {
        RateLimitMiddleware m = rateLimits.middleware(name, spec);
        this.meters.put(m, List.of(FunctionCounter.builder("modelgate.ratelimit.rejected", m, RateLimitMiddleware::rejected)
                .tags("middleware", name).description("requests refused with 429 by a rate limit").register(registry)));
        return m;
    }

    @SuppressWarnings("unchecked")
    private <T> T keep(String name, MiddlewareSpec spec, java.util.function.Supplier<T> create) {
        Key key = new Key(name, spec);
        Object state = next.computeIfAbsent(key, k -> retained.containsKey(k) ? retained.get(k) : create.get());
        return (T) state;
    }

    /** Ends a compile: state of middlewares that are gone or changed is dropped, with their meters. */
    public void commit() {
        for (Map.Entry<Key, Object> e : retained.entrySet()) {
            if (next.get(e.getKey()) != e.getValue()) {
                List<Meter> gone = this.meters.remove(e.getValue());
                if (gone != null) {
                    gone.forEach(registry::remove);
                }
            }
        }
        retained = new HashMap<>(next);
        next.clear();
    }

    private record Key(String name, MiddlewareSpec spec) {
    }
}
