package io.modelgate.gateway.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Headers that belong to one connection, not to the message (RFC 9110 §7.6.1). {@code Transfer-Encoding}
 * is kept: Netty re-applies the framing on each hop from it.
 */
public final class HopByHopHeaders {

    private static final List<CharSequence> ALWAYS = List.of(HttpHeaderNames.KEEP_ALIVE, "proxy-connection",
            HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.PROXY_AUTHENTICATE,
            HttpHeaderNames.PROXY_AUTHORIZATION);

    private HopByHopHeaders() {
    }

    /** Removes hop-by-hop headers, including those the Connection header names; Upgrade too unless kept. */
    public static void strip(HttpHeaders headers, boolean keepUpgrade) {
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            int start = 0;
            while (start <= connection.length()) {
                int comma = connection.indexOf(',', start);
                int end = comma < 0 ? connection.length() : comma;
                String token = connection.substring(start, end).trim();
                if (!token.isEmpty() && !(keepUpgrade && token.equalsIgnoreCase("upgrade"))
                        && !token.equalsIgnoreCase("transfer-encoding") && !token.equalsIgnoreCase("content-length")) {
                    headers.remove(token);
                }
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
            headers.remove(HttpHeaderNames.CONNECTION);
        }
        for (CharSequence name : ALWAYS) {
            headers.remove(name);
        }
        if (!keepUpgrade) {
            headers.remove(HttpHeaderNames.UPGRADE);
        }
    }
}
