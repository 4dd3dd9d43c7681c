package io.modelgate.gateway.middleware.errors;

import io.modelgate.gateway.pipeline.Page;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * The pages served when no error service can: minimal, self-contained, and built only from the status
 * code and the gateway's own request id (nothing a client sent is reflected).
 */
public final class BuiltInPages {

    private BuiltInPages() {
    }

    public static Page of(int status, boolean json, String requestId) {
        String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
        if (json) {
            String body = "{\"status\":" + status + ",\"error\":\"" + reason + "\",\"requestId\":\"" + requestId + "\"}\n";
            return new Page("application/json", body.getBytes(StandardCharsets.UTF_8));
        }
        String body = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status + " " + reason
                + "</title><style>body{font:16px/1.5 system-ui,sans-serif;margin:15vh auto;max-width:32em;color:#222}"
                + "small{color:#777}</style></head><body><h1>" + status + " " + reason + "</h1><p><small>Request id "
                + requestId + "</small></p></body></html>\n";
        return new Page("text/html; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }
}
