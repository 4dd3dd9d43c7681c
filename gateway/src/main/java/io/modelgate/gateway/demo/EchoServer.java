package io.modelgate.gateway.demo;

import io.modelgate.gateway.net.ListenFailure;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny echo backend on loopback: answers any request with a JSON description of what it received
 * (method, path, headers, body size), which shows what the gateway forwards. Demo only; it aggregates
 * bodies up to 1 MiB.
 */
public final class EchoServer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EchoServer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private EventLoopGroup group;
    private Channel channel;

    public EchoServer(int port) {
        this.port = port;
    }

    @Override
    public synchronized void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Echo());
                        }
                    }).bind("127.0.0.1", port).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) { // bind's IOException comes unchecked out of sync()
            stop(); // Spring does not stop a bean whose start failed, and the event loop would keep the JVM up
            throw new ListenFailure("the demo echo backend", "127.0.0.1", port, e,
                    "Stop what listens there, or set modelgate.demo.port, or modelgate.demo.enabled=false.");
        }
        LOG.info("demo echo backend listening on {}", channel.localAddress());
    }

    @Override
    public synchronized void stop() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return channel != null;
    }

    private static final class Echo extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            Map<String, Object> body = new TreeMap<>();
            Map<String, String> headers = new TreeMap<>();
            req.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue(),
                    (a, b) -> a + ", " + b));
            body.put("service", "modelgate demo echo");
            body.put("method", req.method().name());
            body.put("uri", req.uri());
            body.put("headers", headers);
            body.put("bodyBytes", req.content().readableBytes());
            byte[] bytes = (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            ByteBuf content = ctx.alloc().buffer(bytes.length).writeBytes(bytes);
            FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), HttpResponseStatus.OK, content);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            HttpUtil.setKeepAlive(res, keepAlive);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
