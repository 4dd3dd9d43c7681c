package io.modelgate.gateway.proxy;

import io.modelgate.gateway.proxy.http.ForwardedHeaders;
import io.modelgate.gateway.proxy.http.ResponseFraming;
import io.modelgate.gateway.proxy.upstream.UpstreamHandler;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.AsciiString;
import java.util.HashMap;
import java.util.List;

/**
 * The service's response on its way to the client: its head through the middlewares' response hooks (which
 * may replace it by a page or refuse it), framed for the client, then its body streamed with backpressure and
 * counted against a response limit. Also what happens when the upstream connection fails or goes silent.
 */
final class ResponseRelay {

    /** Headers of a server's error response that still mean something with a page in place of its body. */
    private static final List<AsciiString> KEPT_ON_PAGES = List.of(HttpHeaderNames.WWW_AUTHENTICATE,
            HttpHeaderNames.RETRY_AFTER, HttpHeaderNames.ALLOW);

    private final UpstreamForwarder forwarder;
    private final LocalResponder responder;

    ResponseRelay(UpstreamForwarder forwarder, LocalResponder responder) {
        this.forwarder = forwarder;
        this.responder = responder;
    }

    void head(ClientConnection c, Exchange e, UpstreamHandler up, HttpResponse r) {
        int code = r.status().code();
        if (code < 200 && code != 101) {
            e.phase = Phase.SKIPPING_INFORMATIONAL; // 100/102/103 from the server: ours was already sent, drop these
            return;
        }
        e.originStatus = code;
        e.originNanos = System.nanoTime() - e.originStartNanos;
        e.pool.responded(e.server, code); // passive health
        if (e.outcomes != null) {
            e.outcomes.report(code, true);
        }
        if (code == 101) {
            if (!e.upgrade) {
                up.close(); // an upgrade nobody asked for: the server is broken
                return;
            }
            e.status = code;
            e.phase = Phase.SWITCHING;
            r.headers().set(ForwardedHeaders.X_REQUEST_ID, e.requestId);
            c.channel().write(r);
            return; // becomes a tunnel at the (empty) end of this response
        }
        e.fromService = true;
        e.ownError = false;
        int at = ResponseInterceptors.walk(e, r, e.route.middlewares().size());
        if (at != ResponseInterceptors.DONE) {
            if (e.replacement != null) {
                replace(c, e, up, r, at);
            } else {
                e.upstream = null;
                up.close(); // refused (declared too large, say): its body is not wanted
                responder.respondError(c, e, e.refusedStatus, e.refusedError,
                        e.keepAlive && (e.requestDone || !e.hasBody), at);
            }
            return;
        }
        boolean noBody = code == 204 || code == 304 || e.isHead();
        ResponseFraming.Relayed framed = ResponseFraming.relayed(r, e.http10, e.keepAlive, noBody);
        e.keepAlive = framed.keepAlive();
        // HTTP/2 always carries trailers; HTTP/1.1 only in chunked framing, to a client that said it takes them
        e.trailersOut = c.channel() instanceof Http2StreamChannel
                || e.teTrailers && HttpUtil.isTransferEncodingChunked(r);
        if (!framed.upstreamReusable()) {
            up.notReusable();
        }
        r.headers().set(ForwardedHeaders.X_REQUEST_ID, e.requestId);
        e.pool.selector().onResponse(r.headers(), e.server, e.affinity);
        e.phase = Phase.STREAMING;
        c.channel().write(r, c.channel().voidPromise());
    }

    void content(ClientConnection c, Exchange e, UpstreamHandler up, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        switch (e.phase) {
            case SKIPPING_INFORMATIONAL -> {
                content.release();
                if (last) {
                    e.phase = Phase.AWAITING_RESPONSE;
                }
            }
            case SWITCHING -> {
                content.release();
                if (last) {
                    c.becomeTunnel(e, up);
                }
            }
            case REPLACING -> {
                content.release(); // the server's error body, replaced by a page
                if (last) {
                    e.upstream = null;
                    up.release(e.requestDone);
                    upstreamDone(c, e);
                }
            }
            case STREAMING -> stream(c, e, up, content, last);
            default -> {
                content.release(); // a body without a head: cannot happen with Netty's decoder
                up.close();
            }
        }
    }

    private void stream(ClientConnection c, Exchange e, UpstreamHandler up, HttpContent content, boolean last) {
        if (content instanceof HttpResponse) {
            // a whole response in one message (HTTP/2 HEADERS that ended the stream): written with its head
            e.phase = Phase.ANSWERED;
            c.finish(e);
            return;
        }
        if (last && !e.trailersOut && !((LastHttpContent) content).trailingHeaders().isEmpty()) {
            content = new DefaultLastHttpContent(content.content()); // the trailers are dropped, the bytes kept
        }
        e.bytesOut += content.content().readableBytes();
        if (e.responseLimit > 0 && e.bytesOut > e.responseLimit) {
            content.release(); // past the limit mid-stream: the status is sent, cutting is the only signal left
            e.upstream = null;
            up.close();
            c.abort(e);
            return;
        }
        Channel client = c.channel();
        client.write(content, client.voidPromise());
        if (!client.isWritable()) {
            up.channel().config().setAutoRead(false);
        }
        if (last) {
            e.phase = Phase.ANSWERED;
            c.finish(e);
        }
    }

    /**
     * The response is replaced by a page: the server's body is read and dropped (keeping the connection
     * reusable) while the page comes; the page goes out once both are done.
     */
    private void replace(ClientConnection c, Exchange e, UpstreamHandler up, HttpResponse r, int at) {
        e.phase = Phase.REPLACING;
        if (!io.netty.handler.codec.http.HttpUtil.isKeepAlive(r)) {
            up.notReusable();
        }
        for (AsciiString name : KEPT_ON_PAGES) {
            String value = r.headers().get(name);
            if (value != null) {
                e.keptHeaders = e.keptHeaders == null ? new HashMap<>() : e.keptHeaders;
                e.keptHeaders.put(name.toString(), value);
            }
        }
        e.replacement.whenComplete((page, failure) -> c.onLoop(() -> {
            if (c.isCurrent(e)) {
                e.page = page;
                e.pageArrived = true;
                e.depth = at;
                sendPageIfReady(c, e);
            }
        }));
    }

    /** The server's replaced response is over (read to the end, or its connection gone). */
    private void upstreamDone(ClientConnection c, Exchange e) {
        e.upstreamDrained = true;
        if (!e.requestDone) {
            e.discarding = true; // the server answered before the whole body: the rest is dropped
        }
        sendPageIfReady(c, e);
    }

    private void sendPageIfReady(ClientConnection c, Exchange e) {
        if (!e.pageArrived || !e.upstreamDrained || e.responseDone()) {
            return;
        }
        if (e.page == null) {
            responder.answerWithError(c, e, e.status, "error", e.keepAlive, e.depth);
        } else {
            responder.page(c, e, e.page, e.depth);
        }
    }

    /** The upstream connection failed or closed while bound to {@code e} (already detached and closed). */
    void upstreamFailed(ClientConnection c, Exchange e, String error) {
        if (e.phase == Phase.REPLACING) {
            upstreamDone(c, e); // the page replaces the body anyway
            return;
        }
        if (e.responseStarted()) {
            if (!e.responseDone()) {
                e.status = e.status == 0 ? 502 : e.status;
                c.abort(e); // mid-response: truncating is the only honest signal left
            }
            return;
        }
        if (forwarder.replay(c, e)) {
            return;
        }
        responder.refuse(c, e, 502, error);
    }

    /** The upstream connection was silent for the response timeout: 504, or a cut if the response had begun. */
    void upstreamTimedOut(ClientConnection c, Exchange e) {
        if (e.server != null) {
            e.pool.timedOut(e.server); // passive health
        }
        if (e.phase == Phase.REPLACING) {
            upstreamDone(c, e);
        } else if (e.responseStarted()) {
            c.abort(e);
        } else {
            responder.refuse(c, e, 504, "upstream timeout");
        }
    }
}
