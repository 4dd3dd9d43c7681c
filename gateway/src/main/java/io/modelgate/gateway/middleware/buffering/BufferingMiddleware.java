package io.modelgate.gateway.middleware.buffering;

import io.modelgate.discovery.config.BufferingSpec;
import io.modelgate.gateway.middleware.Middleware;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Body limits. A declared {@code Content-Length} over the limit is refused with 413 here, before any server
 * is contacted; bodies of unknown length are counted by the data plane as they stream (it reads
 * {@link #maxRequestBodyBytes()}), so nothing is ever buffered whole.
 */
public final class BufferingMiddleware implements Middleware {

    private final long maxRequest;
    private final long maxResponse;

    public BufferingMiddleware(BufferingSpec spec) {
        this.maxRequest = spec.maxRequestBodyBytes();
        this.maxResponse = spec.maxResponseBodyBytes();
    }

    @Override
    public void onRequest(HttpRequest request, Continuation next) {
        if (maxRequest > 0 && HttpUtil.getContentLength(request, -1L) > maxRequest) {
            next.refuse(413, "request body too large");
            return;
        }
        next.proceed();
    }

    @Override
    public long maxRequestBodyBytes() {
        return maxRequest;
    }

    @Override
    public long maxResponseBodyBytes() {
        return maxResponse;
    }

    @Override
    public String toString() {
        return "BufferingMiddleware{maxRequestBodyBytes=" + maxRequest + ", maxResponseBodyBytes=" + maxResponse + "}";
    }
}
