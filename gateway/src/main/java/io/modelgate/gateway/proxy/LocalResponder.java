package io.modelgate.gateway.proxy;

import io.modelgate.gateway.pipeline.Page;
import io.modelgate.gateway.proxy.http.ErrorResponses;
import io.modelgate.gateway.proxy.http.ForwardedHeaders;
import io.modelgate.gateway.proxy.http.ResponseFraming;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Map;

/**
 * Every response the gateway makes itself goes out here: its own errors, error pages, refusals and
 * middlewares' answers. Each passes the response hooks of the middlewares outside where it was made (so
 * pages and headers apply to it), then is framed by {@link ResponseFraming#local} and written. The connection
 * stays open after it if the client wants keep-alive and the rest of the request is small enough to read and
 * drop (none, or already read); otherwise it closes after the answer.
 */
final class LocalResponder {

    /** Answers the exchange with the gateway's own error; nothing more is forwarded. */
    void refuse(ClientConnection c, Exchange e, int status, String error) {
        respondError(c, e, status, error, e.keepAlive && (e.requestDone || !e.hasBody), e.depth);
    }

    /** Like {@link #refuse}, then closes the connection whatever the client wanted (the request cannot be trusted). */
    void refuseAndClose(ClientConnection c, Exchange e, int status, String error) {
        respondError(c, e, status, error, false, e.depth);
    }

    /** A middleware's own answer (an auth service's 401/403 as it came); the request is not forwarded. */
    void respond(ClientConnection c, Exchange e, int status, Map<String, List<String>> headers, byte[] body) {
        if (e.answering()) {
            c.abort(e);
            return;
        }
        stopForwarding(e, e.keepAlive && (e.requestDone || !e.hasBody));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        headers.forEach((name, values) -> response.headers().add(name, values));
        e.ownError = false;
        deliver(c, e, response, e.depth);
    }

    /** The gateway's own error as the answer, made at layer {@code from} (see {@link ResponseInterceptors}). */
    void respondError(ClientConnection c, Exchange e, int status, String error, boolean keepAlive, int from) {
        if (e.answering()) {
            c.abort(e); // a response is already on its way: cutting is the only signal left
            return;
        }
        answerWithError(c, e, status, error, keepAlive, from);
    }

    /** The gateway's error in place of a response being replaced (a page that did not come). */
    void answerWithError(ClientConnection c, Exchange e, int status, String error, boolean keepAlive, int from) {
        stopForwarding(e, keepAlive);
        if (e.outcomes != null) {
            e.outcomes.report(status, false);
        }
        e.ownError = true;
        deliver(c, e, errorResponse(e, status, error), from);
    }

    private static void stopForwarding(Exchange e, boolean keepAlive) {
        if (e.upstream != null) {
            var up = e.upstream;
            e.upstream = null; // first: its close must not be taken for a failure of this exchange
            up.close();
        }
        e.keepAlive &= keepAlive;
        e.discarding = true;
    }

    /** A page in place of a response with the exchange's status, with the headers kept from the original. */
    void page(ClientConnection c, Exchange e, Page page, int from) {
        FullHttpResponse response = pageResponse(e, page);
        if (e.keptHeaders != null) {
            e.keptHeaders.forEach((k, v) -> response.headers().set(k, v));
        }
        e.ownError = false;
        deliver(c, e, response, from);
    }

    /**
     * Runs {@code response} through the response hooks below {@code from}; a replacement waits for its page
     * (then goes on from where it was made), a refusal becomes the gateway's error; then writes it.
     */
    void deliver(ClientConnection c, Exchange e, FullHttpResponse response, int from) {
        e.fromService = false;
        e.phase = Phase.REPLACING;
        int at = ResponseInterceptors.walk(e, response, from);
        if (at == ResponseInterceptors.DONE) {
            write(c, e, response);
        } else if (e.replacement != null) {
            e.replacement.whenComplete((page, failure) -> c.onLoop(() -> {
                if (!c.isCurrent(e)) {
                    response.release();
                } else if (page == null) {
                    deliver(c, e, response, at); // no page: the response stays, the outer layers still see it
                } else {
                    response.release();
                    page(c, e, page, at);
                }
            }));
        } else {
            response.release();
            e.ownError = true;
            deliver(c, e, errorResponse(e, e.refusedStatus, e.refusedError), at);
        }
    }

    /** Writes a whole response, then closes or goes on with the next request. */
    private void write(ClientConnection c, Exchange e, FullHttpResponse response) {
        e.extraHeaders.forEach((k, v) -> response.headers().set(k, v));
        response.headers().set(ForwardedHeaders.X_REQUEST_ID, e.requestId);
        ResponseFraming.local(response, e.http10, e.keepAlive);
        e.status = response.status().code();
        e.bytesOut += response.content().readableBytes();
        e.phase = Phase.ANSWERED;
        ChannelFuture written = c.channel().writeAndFlush(response);
        if (!e.keepAlive) {
            c.closeAfter(e, written);
            return;
        }
        c.finish(e);
        c.drain();
    }

    private static FullHttpResponse errorResponse(Exchange e, int status, String error) {
        byte[] body = ErrorResponses.body(status, error, e.requestId, e.json);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, ErrorResponses.contentType(e.json))
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }

    private static FullHttpResponse pageResponse(Exchange e, Page page) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(e.status),
                Unpooled.wrappedBuffer(page.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, page.contentType())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        return response;
    }
}
