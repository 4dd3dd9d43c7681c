package io.modelgate.gateway.middleware;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;

/**
 * A step between routing and proxying. Built once from its spec (all validation there); the per-request
 * methods only handle the request. They run on the connection's event loop and must not block.
 */
public interface Middleware {

    /**
     * Looks at or changes the request headers before it is forwarded, then calls exactly one of
     * {@link Continuation#proceed()} or {@link Continuation#refuse}, possibly later and from another thread
     * (the continuation hops back to the connection's event loop itself).
     */
    void onRequest(HttpRequest request, Continuation next);

    /** Adjusts the response headers before they are sent to the client. */
    default void onResponse(HttpResponse response) {
    }

    /** The largest request body this middleware lets through, counted as it streams; 0 for no limit. */
    default long maxRequestBodyBytes() {
        return 0;
    }

    /** The largest response body this middleware lets through; 0 for no limit. */
    default long maxResponseBodyBytes() {
        return 0;
    }

    /** What a middleware does next. */
    interface Continuation {

        /** The client connection's event loop: where asynchronous steps run their I/O (see {@link HttpGet}). */
        io.netty.channel.EventLoop eventLoop();

        /** Continue with the next middleware, then the service. */
        void proceed();

        /** Answer the client with an error and do not forward the request. */
        void refuse(int status, String error);

        /** Like {@link #refuse(int, String)}, with response headers such as {@code WWW-Authenticate}. */
        void refuse(int status, String error, java.util.Map<String, String> headers);

        /**
         * Answer with a response of the middleware's own (an auth service's 401 as it came, say) and do not
         * forward the request. Hop-by-hop and length headers are the gateway's to set.
         */
        void respond(int status, java.util.Map<String, java.util.List<String>> headers, byte[] body);
    }
}
