package io.modelgate.gateway.middleware;

import io.modelgate.discovery.config.BasicAuthSpec;
import io.modelgate.discovery.config.BufferingSpec;
import io.modelgate.discovery.config.ChainSpec;
import io.modelgate.discovery.config.ForwardAuthSpec;
import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.gateway.middleware.basicauth.BasicAuthMiddleware;
import io.modelgate.gateway.middleware.buffering.BufferingMiddleware;
import io.modelgate.gateway.middleware.forwardauth.ForwardAuthMiddleware;
import io.modelgate.gateway.middleware.headers.HeadersMiddleware;
import io.modelgate.gateway.middleware.stripprefix.StripPrefixMiddleware;

/** Builds the middleware for a spec. Chains are flattened by the compiler, never built here. */
public final class MiddlewareFactory {

    private MiddlewareFactory() {
    }

    public static Middleware build(MiddlewareSpec spec) {
        return switch (spec) {
            case StripPrefixSpec s -> new StripPrefixMiddleware(s);
            case HeadersSpec h -> new HeadersMiddleware(h);
            case ChainSpec c -> throw new IllegalArgumentException("chain is flattened, not built: " + c);
            case BufferingSpec b -> new BufferingMiddleware(b);
            case BasicAuthSpec a -> new BasicAuthMiddleware(a);
            case ForwardAuthSpec f -> new ForwardAuthMiddleware(f, com.github.benmanes.caffeine.cache.Ticker.systemTicker());
        };
    }
}
