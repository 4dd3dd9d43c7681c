package io.modelgate.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's own error responses: short JSON {@code {"status":404,"error":"no route","requestId":"…"}}
 * when the client's Accept mentions JSON, plain text otherwise. Never a stack trace: the message is one of
 * a few fixed phrases chosen by the caller.
 */
final class ErrorResponses {

    private ErrorResponses() {
    }

    /** True if the client asked for JSON ({@code application/json}, {@code application/problem+json}, …). */
    static boolean wantsJson(String accept) {
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    static FullHttpResponse build(ByteBufAllocator alloc, HttpVersion version, int status, String error,
                                  String requestId, boolean json, boolean keepAlive) {
        String body;
        CharSequence type;
        if (json) {
            // error is a fixed phrase and requestId is a sane token: neither needs escaping
            body = "{\"status\":" + status + ",\"error\":\"" + error + "\",\"requestId\":\"" + requestId + "\"}\n";
            type = HttpHeaderValues.APPLICATION_JSON;
        } else {
            body = status + " " + error + " (request id " + requestId + ")\n";
            type = "text/plain; charset=utf-8";
        }
        ByteBuf content = alloc.buffer(body.length());
        content.writeCharSequence(body, StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(version, HttpResponseStatus.valueOf(status), content);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes())
                .set(ClientHandler.X_REQUEST_ID, requestId)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (version == HttpVersion.HTTP_1_0) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return response;
    }
}
