package io.modelgate.gateway.testsupport;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2GoAwayFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cleartext HTTP/2 server (prior knowledge only, as gRPC servers are) on loopback, made of Netty's own server
 * codecs. It answers every request with {@code 200} and a body naming the path, the request's {@code te} header,
 * its trailers and the connection it came on; {@code /trailers} answers with trailers of its own. While
 * {@code holdUntil} requests have not all arrived, it holds each response back, so a test can prove that that many
 * ran at once. It allows {@code maxStreams} concurrent streams per connection. A request to {@code /goaway…} is
 * answered after a GOAWAY (as a server that is shutting down sends): that stream still completes, no new one
 * may start on its connection. {@code /big} streams {@link #BIG} bytes as fast as the stream's flow-control window
 * lets it, and tells whether it is waiting for that window ({@link #bigBlocked()}).
 */
public final class H2cBackend implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final int holdUntil;
    private final List<Runnable> held = new ArrayList<>();
    /** The length of {@code /big}. */
    public static final int BIG = 32 << 20;
    private final java.util.concurrent.atomic.AtomicLong bigSent = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean bigBlocked;

    public H2cBackend(int maxStreams, int holdUntil) throws InterruptedException {
        this.holdUntil = holdUntil;
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int connection = connections.incrementAndGet();
                        ch.pipeline().addLast(Http2FrameCodecBuilder.forServer()
                                .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(maxStreams)).build());
                        ch.pipeline().addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel stream) {
                                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                                        new HttpObjectAggregator(1 << 20), new Answer(connection));
                            }
                        }));
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public String url() {
        return "h2c://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** TCP connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Bytes of {@code /big} written so far. */
    public long bigSent() {
        return bigSent.get();
    }

    /** {@code /big} has more to send but its stream is not writable (the client side's window is closed). */
    public boolean bigBlocked() {
        return bigBlocked;
    }

    private final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final int connection;
        private ChannelHandlerContext big;

        Answer(int connection) {
            this.connection = connection;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            Map<String, String> trailers = new TreeMap<>();
            req.trailingHeaders().forEach(h -> trailers.put(h.getKey(), h.getValue()));
            String body = "path=" + req.uri() + " te=" + req.headers().get(HttpHeaderNames.TE) + " trailers=" + trailers
                    + " body=" + req.content().toString(StandardCharsets.UTF_8) + " connection=" + connection;
            DefaultFullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
            if (req.uri().startsWith("/trailers")) {
                r.trailingHeaders().set("x-checksum", "abc123");
            }
            if (req.uri().equals("/big")) {
                DefaultHttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, BIG);
                ctx.write(head);
                big = ctx;
                pump();
                return;
            }
            if (req.uri().startsWith("/goaway")) {
                ctx.channel().parent().writeAndFlush(new DefaultHttp2GoAwayFrame(Http2Error.NO_ERROR));
            }
            Runnable send = () -> ctx.writeAndFlush(r);
            boolean release;
            synchronized (held) {
                held.add(send);
                release = requests.incrementAndGet() >= holdUntil;
            }
            if (release) {
                List<Runnable> all;
                synchronized (held) {
                    all = new ArrayList<>(held);
                    held.clear();
                }
                all.forEach(Runnable::run);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (big != null) {
                pump();
            }
            ctx.fireChannelWritabilityChanged();
        }

        private void pump() {
            while (bigSent.get() < BIG && big.channel().isWritable()) {
                int n = (int) Math.min(64 * 1024, BIG - bigSent.get());
                bigSent.addAndGet(n);
                Object chunk = bigSent.get() == BIG ? new DefaultLastHttpContent(Unpooled.wrappedBuffer(new byte[n]))
                        : new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[n]));
                big.writeAndFlush(chunk);
            }
            bigBlocked = bigSent.get() < BIG;
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
