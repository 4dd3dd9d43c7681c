package io.modelgate.gateway.proxy.http;

import io.netty.handler.codec.http.HttpHeaderValues;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The gateway's own error bodies: short JSON {@code {"status":404,"error":"no route","requestId":"…"}} when
 * the client's Accept mentions JSON, plain text otherwise. Never a stack trace: the message is one of a few
 * fixed phrases chosen by the caller.
 */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    /** True if the client asked for JSON ({@code application/json}, {@code application/problem+json}, …). */
    public static boolean wantsJson(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("json");
    }

    /** The body of an error response. */
    public static byte[] body(int status, String error, String requestId, boolean json) {
        // error is a fixed phrase and requestId is a sane token: neither needs escaping
        String body = json ? "{\"status\":" + status + ",\"error\":\"" + error + "\",\"requestId\":\"" + requestId + "\"}\n"
                : status + " " + error + " (request id " + requestId + ")\n";
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Its content type. */
    public static CharSequence contentType(boolean json) {
        return json ? HttpHeaderValues.APPLICATION_JSON : "text/plain; charset=utf-8";
    }
}
