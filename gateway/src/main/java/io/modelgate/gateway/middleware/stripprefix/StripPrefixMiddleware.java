package io.modelgate.gateway.middleware.stripprefix;

import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;

/**
 * Removes the first configured prefix the path starts with, and tells the server what was removed in
 * {@code X-Forwarded-Prefix}, as Traefik does. The result always starts with {@code /}.
 */
public final class StripPrefixMiddleware implements Middleware {

    private final List<String> prefixes;

    public StripPrefixMiddleware(StripPrefixSpec spec) {
        this.prefixes = spec.prefixes();
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        String uri = request.uri();
        for (String prefix : prefixes) {
            if (uri.startsWith(prefix)) {
                String rest = uri.substring(prefix.length());
                request.setUri(rest.isEmpty() || rest.charAt(0) != '/' ? "/" + rest : rest);
                request.headers().set("X-Forwarded-Prefix", prefix);
                break;
            }
        }
        next.proceed();
    }

    @Override
    public String toString() {
        return "StripPrefixMiddleware" + prefixes;
    }
}
