package io.modelgate.gateway.middleware.buffering;

import io.modelgate.discovery.config.BufferingSpec;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.modelgate.gateway.pipeline.ResponseControl;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Body limits, streamed: nothing is ever buffered whole. A declared {@code Content-Length} over a limit is
 * refused at once (413 before any server is contacted; 502 for a response); a body of unknown length is
 * counted by the data plane as it streams ({@link RequestControl#limitRequestBody},
 * {@link ResponseControl#limitBody}).
 */
public final class BufferingMiddleware implements Middleware {

    private final long maxRequest;
    private final long maxResponse;

    public BufferingMiddleware(BufferingSpec spec) {
        this.maxRequest = spec.maxRequestBodyBytes();
        this.maxResponse = spec.maxResponseBodyBytes();
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        if (maxRequest > 0) {
            if (HttpUtil.getContentLength(request, -1L) > maxRequest) {
                next.refuse(413, "request body too large");
                return;
            }
            next.limitRequestBody(maxRequest);
        }
        next.proceed();
    }

    @Override
    public void onResponse(HttpResponse response, ResponseControl control) {
        if (maxResponse <= 0 || !control.fromService()) {
            return;
        }
        if (HttpUtil.getContentLength(response, -1L) > maxResponse) {
            control.refuse(502, "response body too large");
        } else {
            control.limitBody(maxResponse);
        }
    }

    @Override
    public String toString() {
        return "BufferingMiddleware{maxRequestBodyBytes=" + maxRequest + ", maxResponseBodyBytes=" + maxResponse + "}";
    }
}
