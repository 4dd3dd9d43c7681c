package io.modelgate.gateway.pipeline;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

/**
 * A step between routing and the service. Built once from its spec (all validation there); the per-request
 * methods only handle the request. They run on the connection's event loop and must not block.
 *
 * <p>The three hooks follow Traefik's nesting: the router's first middleware is the outermost. A response
 * passes back through the middlewares the request passed through, innermost first: the service's response
 * through all of them, a refusal by the third one through the first two.
 */
public interface Middleware {

    /**
     * Decides on the request: looks at or changes its headers, then calls exactly one of
     * {@link RequestControl#proceed()}, {@link RequestControl#refuse} or {@link RequestControl#respond}, possibly
     * later and from another thread (the control hops back to the connection's event loop itself).
     */
    void onRequest(HttpRequest request, RequestControl next);

    /**
     * Sees the response head before it goes to the client, and may change its headers, limit its body, or have
     * it replaced ({@link ResponseControl}). Called for the service's responses and for the gateway's own.
     */
    default void onResponse(HttpResponse response, ResponseControl control) {
    }

    /**
     * Wraps the call to the service, once the request is about to be sent: {@link UpstreamCall#proceed()} sends
     * it, {@link UpstreamCall#refuse} answers instead (an open circuit breaker, say), and
     * {@link UpstreamCall#onOutcome} tells how the call ended.
     */
    default void aroundCall(UpstreamCall call) {
        call.proceed();
    }
}
