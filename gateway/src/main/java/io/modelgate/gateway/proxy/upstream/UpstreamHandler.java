package io.modelgate.gateway.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * One upstream connection, or one stream of an h2c connection. While bound to a client exchange it hands
 * everything it reads to that {@link UpstreamListener}; while idle an HTTP/1.1 connection sits in its event loop's
 * {@link UpstreamPool}, and a stream, which carries one exchange only, is closed.
 */
public final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    private final UpstreamPool pool;
    private final String poolKey;
    private Channel channel;
    private UpstreamListener client;
    /** The client written to during the current read, flushed at read complete even if unbound meanwhile. */
    private Channel flushTarget;
    private boolean reusable = true;
    private boolean used;
    private final UpstreamTimer timer;

    /**
     * @param pool                  where it goes when released; null for an h2c stream (closed when released)
     * @param responseTimeoutMillis while bound: nothing read or sent for this long is a response timeout
     * @param poolIdleMillis        while pooled: closed after this long
     */
    public UpstreamHandler(UpstreamPool pool, String poolKey, long responseTimeoutMillis, long poolIdleMillis) {
        this.pool = pool;
        this.poolKey = poolKey;
        this.timer = new UpstreamTimer(this, responseTimeoutMillis, poolIdleMillis);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        if (channel.isActive()) {
            timer.start(channel);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timer.start(channel); // a new connection: the handler was added before it connected
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timer.stop(); // a tunnel now: no timeouts
    }

    /** A stream on an h2c connection that carried earlier streams: a failure may be a stale connection's. */
    void reusedConnection() {
        used = true;
    }

    /** The exchange wrote to this connection (request head or body): the response timeout starts again. */
    public void written() {
        timer.activity();
    }

    boolean isBound() {
        return client != null;
    }

    /** The response timeout passed while bound. */
    void timedOut() {
        UpstreamListener c = client;
        if (c != null) {
            c.onResponseTimeout(this);
        }
    }

    public Channel channel() {
        return channel;
    }

    public String poolKey() {
        return poolKey;
    }

    public boolean isOpen() {
        return channel.isActive() && reusable;
    }

    /** True if this connection carried an earlier exchange (so a failure may be a stale keep-alive). */
    public boolean wasUsed() {
        return used;
    }

    public void bind(UpstreamListener owner) {
        client = owner;
        timer.activity();
    }

    /** Returns the connection to the pool if it can carry another request, else closes it. */
    public void release(boolean reuse) {
        client = null;
        timer.activity(); // idle from now
        used = true;
        if (reuse && reusable && pool != null && channel.isActive()) {
            if (!channel.config().isAutoRead()) {
                channel.config().setAutoRead(true);
            }
            pool.offer(this);
        } else {
            close();
        }
    }

    /**
     * After a {@code 101}: the HTTP codec and this handler leave the pipeline, which from then on carries raw
     * bytes to {@code relay}. The connection is never pooled again.
     */
    public void switchToRaw(io.netty.channel.ChannelHandler relay) {
        reusable = false;
        client = null;
        channel.pipeline().replace(this, "tunnel", relay);
        channel.pipeline().remove(UpstreamConnector.CODEC); // bytes it still holds go on to the relay
    }

    public void notReusable() {
        reusable = false;
    }

    public void close() {
        reusable = false;
        channel.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamListener c = client;
        if (c == null) {
            // nothing is expected on an idle connection: the server broke framing or is closing
            ReferenceCountUtil.release(msg);
            close();
            return;
        }
        flushTarget = c.clientChannel();
        if (msg instanceof HttpResponse r) {
            if (r.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                close();
                c.onUpstreamFailed(this, "bad gateway");
                return;
            }
            c.onResponseHead(this, r);
        }
        if (msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                content.release();
                close();
                c.onUpstreamFailed(this, "bad gateway");
                return;
            }
            c.onResponseContent(this, content);
        } else if (msg instanceof ByteBuf raw) {
            raw.release(); // raw bytes before the tunnel is set up: the server broke the protocol
            close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        timer.activity(); // once per read from the socket, not per decoded message
        Channel target = flushTarget;
        if (target != null) {
            flushTarget = null;
            target.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        UpstreamListener c = client;
        if (c != null) {
            c.onUpstreamWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reusable = false;
        timer.stop();
        UpstreamListener c = client;
        if (c != null) {
            client = null;
            c.onUpstreamFailed(this, "bad gateway");
        } else if (pool != null) {
            pool.remove(this);
        }
    }


    /**
     * A write that failed (broken pipe, reset: the server answered before it read the whole request, and closed)
     * leaves the connection open for reading: its answer may already be in the socket's buffer (a 413 or 501 to
     * an upload), and the read that follows delivers it, then the end of the stream closes the channel and
     * {@link #channelInactive} reports what is still owed. Anything else closes at once.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reusable = false;
        if (!(cause instanceof java.io.IOException) || !channel.isActive()) {
            close();
        }
    }

    @Override
    public String toString() {
        return "UpstreamHandler{" + poolKey + ", " + channel + "}";
    }
}
