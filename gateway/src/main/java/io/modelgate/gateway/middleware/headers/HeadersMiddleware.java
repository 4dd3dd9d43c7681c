package io.modelgate.gateway.middleware.headers;

import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.modelgate.gateway.pipeline.ResponseControl;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import java.util.Map;

/** Sets (or, for an empty value, removes) headers on the upstream request and on the response. */
public final class HeadersMiddleware implements Middleware {

    private final Map<String, String> requestHeaders;
    private final Map<String, String> responseHeaders;

    public HeadersMiddleware(HeadersSpec spec) {
        this.requestHeaders = spec.customRequestHeaders();
        this.responseHeaders = spec.customResponseHeaders();
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        apply(requestHeaders, request.headers());
        next.proceed();
    }

    @Override
    public void onResponse(HttpResponse response, ResponseControl control) {
        apply(responseHeaders, response.headers());
    }

    private static void apply(Map<String, String> changes, HttpHeaders headers) {
        for (Map.Entry<String, String> e : changes.entrySet()) {
            if (e.getValue().isEmpty()) {
                headers.remove(e.getKey());
            } else {
                headers.set(e.getKey(), e.getValue());
            }
        }
    }

    @Override
    public String toString() {
        return "HeadersMiddleware{request=" + requestHeaders.keySet() + ", response=" + responseHeaders.keySet() + "}";
    }
}
