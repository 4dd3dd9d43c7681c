package io.modelgate.gateway.proxy.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One cleartext HTTP/2 connection to a server (prior knowledge), the last handler of its pipeline: it is usable
 * once the server's first SETTINGS arrived, carries at most the server's {@code SETTINGS_MAX_CONCURRENT_STREAMS}
 * streams of this gateway at once, takes no new stream after a GOAWAY (closing when its last stream ends) and is
 * closed after the pool's idle timeout without streams. Each stream is one exchange with its own
 * {@link UpstreamHandler}.
 */
final class H2cConnection extends ChannelInboundHandlerAdapter {

    /** The connection's receive window: room for 128 streams' 64 KiB windows at once. */
    static final int CONNECTION_WINDOW = 8 << 20;

    private final H2cConnections pool;
    private final String poolKey;
    private final ChannelHandler streamInitializer;
    private final long idleNanos;
    private final Promise<H2cConnection> ready;
    private Channel channel;
    private Http2StreamChannelBootstrap streams;
    /** The server's limit; until its SETTINGS say otherwise, HTTP/2's "unlimited" (RFC 9113 §6.5.2). */
    private long maxStreams = Long.MAX_VALUE;
    private int open;
    private long opened;
    private boolean goingAway;
    private long idleSince;
    private ScheduledFuture<?> idleTask;

    H2cConnection(H2cConnections pool, String poolKey, ChannelHandler streamInitializer, long idleMillis,
                  Promise<H2cConnection> ready) {
        this.pool = pool;
        this.poolKey = poolKey;
        this.streamInitializer = streamInitializer;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.ready = ready;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        streams = new Http2StreamChannelBootstrap(channel).handler(streamInitializer);
    }

    String poolKey() {
        return poolKey;
    }

    /** Connected and set up by the server's SETTINGS (the future fails if the connection closes first). */
    Future<H2cConnection> ready() {
        return ready;
    }

    /** Can take one more stream now. */
    boolean hasRoom() {
        return ready.isSuccess() && !goingAway && channel.isActive() && open < maxStreams;
    }

    /** Still worth waiting for: connecting, or connected and not going away. */
    boolean isUsable() {
        return !goingAway && (channel == null || channel.isOpen());
    }

    /**
     * Opens a stream (the caller checked {@link #hasRoom()}); {@code promise} gets its {@link UpstreamHandler}.
     */
    void openStream(Promise<UpstreamHandler> promise) {
        open++;
        boolean reused = opened++ > 0;
        cancelIdle();
        streams.open().addListener((Future<Http2StreamChannel> f) -> {
            if (!f.isSuccess()) {
                streamClosed();
                promise.tryFailure(f.cause());
                return;
            }
            Http2StreamChannel stream = f.getNow();
            stream.closeFuture().addListener(closed -> streamClosed());
            UpstreamHandler handler = stream.pipeline().get(UpstreamHandler.class);
            if (reused) {
                handler.reusedConnection();
            }
            if (!promise.trySuccess(handler)) {
                stream.close(); // the exchange went away meanwhile
            }
        });
    }

    private void streamClosed() {
        open--;
        if (open > 0) {
            return;
        }
        if (goingAway) {
            channel.close(); // the server asked us to go; the last stream is done
        } else if (channel.isActive()) {
            idleSince = channel.eventLoop().ticker().nanoTime();
            scheduleIdle(idleNanos);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2SettingsFrame s) {
                Long max = s.settings().maxConcurrentStreams();
                if (max != null) {
                    maxStreams = max;
                }
                if (ready.trySuccess(this)) {
                    idleSince = ctx.channel().eventLoop().ticker().nanoTime();
                    scheduleIdle(idleNanos);
                }
            } else if (msg instanceof Http2GoAwayFrame) {
                // Netty closes (and so fails) our streams the server did not take; the others finish
                goingAway = true;
                pool.remove(this);
                if (open == 0) {
                    ctx.channel().close();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** The connection could not be made. */
    void failed(Throwable cause) {
        ready.tryFailure(cause);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // the codec has sent its preface: the connection's receive window grows beyond HTTP/2's 64 KiB default, so
        // a few streams whose clients read slowly (their stream windows full) do not stall the others
        ctx.writeAndFlush(new DefaultHttp2WindowUpdateFrame(CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE));
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        goingAway = true;
        cancelIdle();
        pool.remove(this);
        ready.tryFailure(new java.nio.channels.ClosedChannelException());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a protocol error or reset: the connection closes, its streams fail as a closed HTTP/1.1 connection would
        ctx.close();
    }

    private void scheduleIdle(long nanos) {
        cancelIdle();
        idleTask = channel.eventLoop().schedule(this::idleCheck, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancelIdle() {
        if (idleTask != null) {
            idleTask.cancel(false);
            idleTask = null;
        }
    }

    private void idleCheck() {
        idleTask = null;
        if (open > 0 || !channel.isActive()) {
            return;
        }
        long left = idleNanos - (channel.eventLoop().ticker().nanoTime() - idleSince);
        if (left > 0) {
            scheduleIdle(left);
        } else {
            channel.close();
        }
    }

    @Override
    public String toString() {
        return "H2cConnection{" + poolKey + ", " + open + "/" + maxStreams + " streams, " + channel + "}";
    }
}
