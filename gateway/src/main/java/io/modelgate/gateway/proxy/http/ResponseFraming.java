package io.modelgate.gateway.proxy.http;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The framing of every response to a client, written once: the version the client speaks, {@code Connection}
 * ({@code close} when the connection ends after it, {@code keep-alive} for an HTTP/1.0 client that keeps it),
 * hop-by-hop headers, and how the body is delimited.
 */
public final class ResponseFraming {

    private ResponseFraming() {
    }

    /**
     * Frames a service's response head for the client and says what it means for both connections.
     *
     * @param noBody true if the response has no body whatever its headers say (HEAD, 204, 304)
     */
    public static Relayed relayed(HttpResponse r, boolean http10, boolean keepAlive, boolean noBody) {
        HttpHeaders h = r.headers();
        boolean upstreamReusable = HttpUtil.isKeepAlive(r);
        boolean chunked = HttpUtil.isTransferEncodingChunked(r);
        HopByHopHeaders.strip(h, false);
        if (!chunked && !h.contains(HttpHeaderNames.CONTENT_LENGTH) && !noBody) {
            // close-delimited from the server: chunked for HTTP/1.1 clients, close after it for 1.0
            upstreamReusable = false;
            if (http10) {
                keepAlive = false;
            } else {
                HttpUtil.setTransferEncodingChunked(r, true);
            }
        }
        if (http10) {
            if (chunked) {
                h.remove(HttpHeaderNames.TRANSFER_ENCODING); // 1.0 has no chunking: the end of the body is the close
                keepAlive = false;
            }
            r.setProtocolVersion(HttpVersion.HTTP_1_0);
        }
        connection(h, http10, keepAlive);
        return new Relayed(keepAlive, upstreamReusable);
    }

    /** Frames a whole response the gateway makes (an error, a page, a middleware's answer). */
    public static void local(FullHttpResponse r, boolean http10, boolean keepAlive) {
        if (http10) {
            r.setProtocolVersion(HttpVersion.HTTP_1_0);
        }
        HttpHeaders h = r.headers();
        HopByHopHeaders.strip(h, false);
        h.remove(HttpHeaderNames.TRANSFER_ENCODING).setInt(HttpHeaderNames.CONTENT_LENGTH, r.content().readableBytes());
        connection(h, http10, keepAlive);
    }

    private static void connection(HttpHeaders h, boolean http10, boolean keepAlive) {
        if (!keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /**
     * @param keepAlive        the client connection stays open after this response
     * @param upstreamReusable the server's connection can carry another request after it
     */
    public record Relayed(boolean keepAlive, boolean upstreamReusable) {
    }
}
