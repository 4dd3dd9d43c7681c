package io.modelgate.gateway.proxy.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * Netty's request decoder behind {@link HeadScanner}: each request head is held back until it is complete and
 * has passed the scan, then decoded by Netty (which checks header names and values, framing and lengths). A
 * head that fails the scan becomes one request whose decoder result is a {@link RefusedHead}, and everything
 * after it on the connection is dropped (the connection is answered and closed).
 *
 * <p>It also knows when the head being received started, for the whole-head deadline ({@link #headStartedNanos}):
 * the clock starts with the first byte of a head and stops once the head is complete, whatever the pace of the
 * bytes in between (a slowloris client resets an inactivity timer with every byte; it cannot reset this one).
 */
public final class StrictRequestDecoder extends HttpRequestDecoder {

    private final int maxInitialLine;
    private final int maxHeaderBytes;
    /** The next bytes begin a request head. */
    private boolean atHead = true;
    /** A head was refused: the rest of the connection's bytes are dropped. */
    private boolean refused;
    private long headStarted;
    private ChannelHandlerContext ctx;

    private final java.util.Queue<HttpMethod> methods;

    /** @param methods receives the method of each request decoded, for the response encoder (HEAD has no body) */
    StrictRequestDecoder(HttpDecoderConfig config, java.util.Queue<HttpMethod> methods) {
        super(config);
        this.methods = methods;
        this.maxInitialLine = config.getMaxInitialLineLength();
        this.maxHeaderBytes = config.getMaxHeaderSize();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    /** When the first byte of the head now arriving came (event-loop ticker nanos), or 0 if none is arriving. */
    public long headStartedNanos() {
        return atHead && !refused ? headStarted : 0;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (atHead) {
            if (!in.isReadable()) {
                return;
            }
            if (headStarted == 0) {
                headStarted = Math.max(1, ctx.channel().eventLoop().ticker().nanoTime());
            }
            int length;
            try {
                length = HeadScanner.scan(in, maxInitialLine, maxHeaderBytes);
            } catch (RefusedHead r) {
                refuse(in, out, r);
                return;
            }
            if (length == HeadScanner.INCOMPLETE) {
                return; // kept in the cumulation until the head is complete
            }
            atHead = false;
            headStarted = 0;
        }
        int before = out.size();
        super.decode(ctx, in, out);
        for (int i = before; i < out.size(); i++) {
            Object m = out.get(i);
            if (m instanceof HttpRequest r) {
                if (!r.decoderResult().isFailure() && !onlyChunked(r)) {
                    // Netty frames `gzip, chunked` as chunked; a server behind that reads the codings differently
                    // would frame the body otherwise (a desync): nothing but `chunked` is taken, as Go's net/http
                    for (int j = out.size() - 1; j >= i; j--) {
                        io.netty.util.ReferenceCountUtil.release(out.remove(j));
                    }
                    refuse(in, out, new RefusedHead(400, "bad request: a transfer coding other than chunked"));
                    return;
                }
                if (r.decoderResult().isFailure()) {
                    refused = true; // Netty refused it: nothing after it can be framed
                } else {
                    methods.add(r.method());
                }
            }
            if (m instanceof LastHttpContent) {
                atHead = true;
            }
        }
    }

    /** No {@code Transfer-Encoding}, or exactly one saying {@code chunked} and nothing else. */
    private static boolean onlyChunked(HttpRequest r) {
        List<String> codings = r.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        return codings.isEmpty() || codings.size() == 1 && codings.getFirst().trim().equalsIgnoreCase("chunked");
    }

    /** Called by the connection's timer: the head did not arrive in time. */
    public void headTimedOut() {
        if (ctx != null && !refused) {
            refused = true;
            ctx.fireChannelRead(refusal(new RefusedHead(408, "request timeout")));
        }
    }

    private void refuse(ByteBuf in, List<Object> out, RefusedHead r) {
        refused = true;
        in.skipBytes(in.readableBytes());
        out.add(refusal(r));
    }

    private static HttpRequest refusal(RefusedHead r) {
        HttpRequest bad = new DefaultHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/bad-request");
        bad.setDecoderResult(DecoderResult.failure(r));
        return bad;
    }
}
