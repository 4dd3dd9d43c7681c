package io.modelgate.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http2.Http2CodecUtil;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first bytes of a connection on a plain entry point: HTTP/2's connection preface
 * ({@code PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n}) means cleartext HTTP/2 with prior knowledge (RFC 9113 §3.3), what
 * gRPC clients without TLS and {@code curl --http2-prior-knowledge} send, and what Traefik answers on every
 * entry point without TLS; anything else is HTTP/1.1. It decides at the first byte that differs (an HTTP/1.1
 * request line never starts with {@code PRI *}), then hands the bytes read so far to the chosen pipeline and
 * leaves it. {@code Upgrade: h2c} (deprecated by RFC 9113) is not taken up: such a request is answered over
 * HTTP/1.1, which the upgrade mechanism allows.
 */
final class CleartextProtocolSelection extends ByteToMessageDecoder {

    private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();

    /** Sets up the pipeline for HTTP/2 ({@code true}) or HTTP/1.1 ({@code false}), after this handler. */
    interface Configure {
        void pipeline(boolean http2);
    }

    private final Configure configure;
    private final long idleMillis;
    private ScheduledFuture<?> idle;

    /** @param idleMillis a connection that has not said which protocol within this long is closed */
    CleartextProtocolSelection(Configure configure, long idleMillis) {
        this.configure = configure;
        this.idleMillis = idleMillis;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // no request handler is there yet to time a silent client out
        idle = ctx.executor().schedule(() -> ctx.close(), idleMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        idle.cancel(false);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == OpenConnections.DRAIN) {
            // the entry point stops before this client said anything: as HTTP/1.1, the drain's idle grace applies
            // (a request on its way now is answered, with Connection: close)
            configure.pipeline(false);
            ctx.pipeline().remove(this);
            ctx.channel().pipeline().fireUserEventTriggered(evt);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = Math.min(in.readableBytes(), PREFACE.readableBytes());
        boolean prefix = ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), n); // bytes so far match
        if (prefix && n < PREFACE.readableBytes()) {
            return; // too few bytes yet to tell
        }
        configure.pipeline(prefix);
        ctx.pipeline().remove(this); // what was read goes on to the new handlers
    }
}
