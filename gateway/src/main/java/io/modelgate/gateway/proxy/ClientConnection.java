package io.modelgate.gateway.proxy;

import io.modelgate.gateway.proxy.codec.ClientCodec;
import io.modelgate.gateway.proxy.upstream.UpstreamHandler;
import io.modelgate.gateway.proxy.upstream.UpstreamListener;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * One client connection of an entry point: the order of pipelined requests (read ahead into a {@link ReadAhead}),
 * backpressure and lifecycle. Requests are handled one at a time in arrival order (pipelined ones wait in the queue, so
 * responses can never be reordered); reading pauses while the queue is full or the upstream connection cannot
 * take more. What happens to a request is the business of the parts it hands the {@link Exchange} to.
 *
 * <p>Everything here runs on the connection's event loop. Asynchronous steps (auth calls, pages, leases)
 * check {@link #isCurrent} when they come back, because the client may have gone meanwhile.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    private final ProxyContext px;
    private final ReadAhead queue;
    private Channel ch;
    private ClientPeer peer;
    private Exchange ex;
    private boolean upstreamDirty;
    private boolean closing;
    private final UpstreamEvents upstreamEvents = new UpstreamEvents(this);
    private final ClientTimer timer;

    /** True for one stream of an HTTP/2 connection (see {@link Http2Connection}). */
    private final boolean http2;

    ClientConnection(ProxyContext px) {
        this(px, false);
    }

    ClientConnection(ProxyContext px, boolean http2) {
        this.px = px;
        this.http2 = http2;
        this.queue = new ReadAhead(px.maxPipelined());
        this.timer = new ClientTimer(this, px.readTimeoutMillis(), px.idleTimeoutMillis(), px.edge());
    }

    // ---------------------------------------------------------------- what the parts use

    Channel channel() {
        return ch;
    }

    ProxyContext px() {
        return px;
    }

    ClientPeer peer() {
        return peer;
    }

    /** The protocol as the access log names it: HTTP/2.0 for a stream, else the request line's version. */
    String protocol(HttpRequest req) {
        return http2 ? "HTTP/2.0" : req.protocolVersion().text();
    }

    Exchange current() {
        return ex;
    }

    void begin(Exchange e) {
        ex = e;
        timer.exchangeBegan();
    }

    /** True while {@code e} is this connection's exchange and the connection is not closing. */
    boolean isCurrent(Exchange e) {
        return ex == e && !closing;
    }

    /** Runs {@code task} on this connection's event loop (at once if already there). */
    void onLoop(Runnable task) {
        if (ch.eventLoop().inEventLoop()) {
            task.run();
        } else {
            ch.eventLoop().execute(task);
        }
    }

    /** A request that waited for admission goes on: the read timeout counts from now, not from before the wait. */
    void waited() {
        timer.read();
    }

    /** Something was written to the upstream connection: flushed once at the end of this read. */
    void upstreamWritten() {
        upstreamDirty = true;
    }

    void flushUpstream() {
        if (upstreamDirty) {
            upstreamDirty = false;
            if (ex != null && ex.upstream != null) {
                ex.upstream.channel().flush();
            }
        }
    }

    // ---------------------------------------------------------------- client → gateway

    /** Added once TLS and ALPN are done, the channel is already active. */
    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            activate(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ch == null) {
            activate(ctx);
        }
        ctx.fireChannelActive();
    }

    private void activate(ChannelHandlerContext ctx) {
        ch = ctx.channel();
        peer = ClientPeer.of((InetSocketAddress) ch.remoteAddress(), px.trustedProxies());
        ClientCodec codec = ctx.pipeline().get(ClientCodec.class);
        timer.start(ch, codec == null ? null : codec.decoder());
        if (px.draining()) {
            closeWhenDone(); // accepted just before the entry point stopped listening
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == OpenConnections.DRAIN) {
            closeWhenDone();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /**
     * The entry point is stopping: a busy connection answers the request in progress with
     * {@code Connection: close} (or closes after it, if its head is already out) and reads no further request;
     * requests pipelined behind it are not answered: the client sees the close and may retry them. An idle
     * connection closes once it stayed idle for the drain's idle grace (at once if that is 0, and always at
     * once for an HTTP/2 stream, whose connection got GOAWAY): a request already on its way is answered,
     * with {@code Connection: close}, instead of meeting a closed connection.
     */
    void closeWhenDone() {
        if (closing) {
            return;
        }
        if (ex != null) {
            ex.keepAlive = false;
        } else if (http2 || px.drainIdleMillis() <= 0) {
            closing = true;
            timer.stop();
            queue.release();
            ch.close();
        } else {
            timer.drainIdle(px.drainIdleMillis());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (http2 && msg instanceof FullHttpRequest full) {
            queue.addFull(full);
        } else {
            if (msg instanceof HttpContent content) {
                timer.body(content.content().readableBytes());
            }
            queue.add(msg);
        }
        drain();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        timer.read(); // once per read from the socket, not per decoded message
        flushUpstream();
    }

    /** Processes queued messages as far as the current exchange allows. */
    void drain() {
        Object m;
        while (!closing && (m = queue.peek()) != null) {
            if (m instanceof HttpRequest) {
                if (ex != null) {
                    break;
                }
            } else if (ex == null) {
                queue.poll(); // the rest of a body nobody waits for
                ReferenceCountUtil.release(m);
                continue;
            } else if (!ex.discarding && ex.upstream == null) {
                break; // body waits for the middlewares and the upstream connection
            }
            queue.poll();
            if (m instanceof HttpRequest r) {
                px.intake().start(this, r);
            } else {
                px.forwarder().requestContent(this, ex, (HttpContent) m);
            }
        }
        updateAutoRead();
    }

    /** Reads from the client only while there is room in the queue and the upstream accepts writes. */
    void updateAutoRead() {
        if (ch == null) {
            return;
        }
        boolean want = !closing && queue.hasRoom()
                && (ex == null || ex.upstream == null || ex.upstream.channel().isWritable());
        if (ch.config().isAutoRead() != want) {
            ch.config().setAutoRead(want);
        }
    }

    // ---------------------------------------------------------------- ending an exchange

    /**
     * The response is complete: logs the exchange and goes on with the next request, once the request body is
     * complete too; answered before its body ended, the rest of the body is dropped first.
     */
    void finish(Exchange e) {
        if (!e.responseDone()) {
            return;
        }
        if (!e.requestDone) {
            // answered before the body was complete: that upstream connection is unusable, drop the rest of the body
            releaseUpstream(e, false);
            e.discarding = true;
            return;
        }
        releaseUpstream(e, true);
        end(e);
        if (!e.keepAlive) {
            closeAfter(e, ch.writeAndFlush(Unpooled.EMPTY_BUFFER));
            return;
        }
        drain();
    }

    /** Logs {@code e}, and closes the connection (an HTTP/2 stream: resets it) once {@code written} is on the wire. */
    void closeAfter(Exchange e, io.netty.channel.ChannelFuture written) {
        closing = true;
        boolean bodyOwed = !e.requestDone;
        end(e);
        queue.release();
        if (http2 && bodyOwed) {
            // answered before the request body ended (a 413): RFC 9113 §8.1's NO_ERROR asks the client to stop
            // sending and keep the response, where closing the stream would reset it with CANCEL and the client
            // would drop the answer
            written.addListener(f -> ch.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR))
                    .addListener(ChannelFutureListener.CLOSE));
            return;
        }
        written.addListener(ChannelFutureListener.CLOSE);
    }

    /** Mid-response: cutting the connection is the only honest signal left. */
    void abort(Exchange e) {
        closing = true;
        if (e.status == 0 || !e.responseDone()) {
            e.aborted = true;
        }
        releaseUpstream(e, false);
        end(e);
        queue.release();
        ch.close();
    }

    private void end(Exchange e) {
        e.done();
        px.accessLog().log(e, peer.ip());
        if (ex == e) {
            ex = null;
            timer.idle();
        }
    }

    private static void releaseUpstream(Exchange e, boolean reuse) {
        UpstreamHandler up = e.upstream;
        if (up != null) {
            e.upstream = null;
            up.release(reuse);
        }
    }

    /** After a {@code 101}: the exchange is over and the connection is a tunnel (see {@link TunnelRelay}). */
    void becomeTunnel(Exchange e, UpstreamHandler up) {
        e.upstream = null;
        end(e);
        closing = true; // nothing more is read as HTTP
        timer.stop(); // a WebSocket may be quiet for a long time
        TunnelRelay.connect(ch, up, queue.rest());
    }

    /** What this connection's upstream connections report (bound to them by the forwarder). */
    UpstreamListener upstreamEvents() {
        return upstreamEvents;
    }

    // ---------------------------------------------------------------- connection events

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ex != null && ex.upstream != null) {
            ex.upstream.channel().config().setAutoRead(ch.isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        timer.stop();
        queue.release();
        Exchange e = ex;
        if (e != null) {
            if (e.upstream != null) {
                e.upstream.close(); // mid-exchange: that connection's state is unknown
                e.upstream = null;
            }
            if (!e.responseDone()) {
                e.aborted = true;
            }
            end(e);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // I/O errors (reset by peer…); nothing useful can be sent, and nothing is forwarded after this
        ctx.close();
    }
}
