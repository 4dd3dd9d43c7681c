package io.modelgate.gateway.middleware;

import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.discovery.config.BasicAuthSpec;
import io.modelgate.discovery.config.BufferingSpec;
import io.modelgate.discovery.config.ChainSpec;
import io.modelgate.discovery.config.ErrorsSpec;
import io.modelgate.discovery.config.ForwardAuthSpec;
import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.gateway.middleware.basicauth.BasicAuthMiddleware;
import io.modelgate.gateway.middleware.buffering.BufferingMiddleware;
import io.modelgate.gateway.middleware.errors.ErrorsMiddleware;
import io.modelgate.gateway.middleware.errors.PageCache;
import io.modelgate.gateway.middleware.errors.PageClient;
import io.modelgate.gateway.middleware.forwardauth.ForwardAuthMiddleware;
import io.modelgate.gateway.middleware.headers.HeadersMiddleware;
import io.modelgate.gateway.middleware.stripprefix.StripPrefixMiddleware;
import io.modelgate.gateway.runtime.ServicePool;
import java.io.IOException;
import java.util.HashMap;
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

    private final PageClient pages;
    private final Ticker ticker;
    private Map<Key, Object> retained = new HashMap<>();
    private final Map<Key, Object> next = new HashMap<>();

    public MiddlewareFactory(PageClient pages, Ticker ticker) {
        this.pages = pages;
        this.ticker = ticker;
    }

    /** A factory whose error pages are always the built-in ones (tests and tools without a data plane). */
    public static MiddlewareFactory withoutErrorService() {
        return new MiddlewareFactory((loop, server, path, headers) ->
                CompletableFuture.failedFuture(new IOException("no page client")), Ticker.systemTicker());
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
            case ForwardAuthSpec f -> keep(name, f, () -> new ForwardAuthMiddleware(f, ticker));
            case ErrorsSpec e -> errors(name, e, services.apply(e.service()));
        };
    }

    /** An errors middleware; {@code pool} null when its service does not exist (built-in pages then). */
    public ErrorsMiddleware errors(String name, ErrorsSpec spec, ServicePool pool) {
        return new ErrorsMiddleware(spec, pool, keep(name, spec, () -> new PageCache(ticker)), pages);
    }

    @SuppressWarnings("unchecked")
    private <T> T keep(String name, MiddlewareSpec spec, java.util.function.Supplier<T> create) {
        Key key = new Key(name, spec);
        Object state = next.computeIfAbsent(key, k -> retained.containsKey(k) ? retained.get(k) : create.get());
        return (T) state;
    }

    /** Ends a compile: state of middlewares that are gone or changed is dropped. */
    public void commit() {
        retained = new HashMap<>(next);
        next.clear();
    }

    private record Key(String name, MiddlewareSpec spec) {
    }
}
