package io.modelgate.gateway.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link HttpGet} with a one-shot Netty connection on the caller's event loop: no thread hand-off, nothing
 * blocks. Callers cache what they fetch (auth decisions, error pages), so connections are not pooled. The
 * whole exchange, connect included, is bounded by the request's timeout.
 */
public final class NettyHttpGet implements HttpGet, AutoCloseable {

    private final Bootstrap template;
    private final DnsAddressResolverGroup resolver;

    public NettyHttpGet() {
        Transport transport = Transport.detect();
        this.resolver = transport.newResolver();
        this.template = new Bootstrap()
                .channel(transport.socketChannel())
                .resolver(resolver)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.TCP_NODELAY, true);
    }

    @Override
    public CompletableFuture<Response> get(EventLoop loop, Request r) {
        CompletableFuture<Response> result = new CompletableFuture<>();
        ChannelFuture connect = template.clone(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, r.timeoutMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (r.ssl() != null) {
                            ch.pipeline().addLast(r.ssl().newHandler(ch.alloc(), r.host(), r.port()));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(r.maxBodyBytes()),
                                new Receiver(result));
                    }
                })
                .connect(InetSocketAddress.createUnresolved(
                        r.host().startsWith("[") ? r.host().substring(1, r.host().length() - 1) : r.host(), r.port()));
        ScheduledFuture<?> timer = loop.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("GET " + r.host() + ":" + r.port() + r.pathAndQuery()
                    + " took longer than " + r.timeoutMillis() + " ms"))) {
                connect.channel().close();
            }
        }, r.timeoutMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((response, error) -> timer.cancel(false));
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, r.pathAndQuery());
            request.headers().set(r.headers())
                    .set(HttpHeaderNames.HOST, r.hostHeader())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            f.channel().writeAndFlush(request);
        });
        return result;
    }

    /** Completes the exchange with the first full response, or with whatever ended the connection first. */
    private static final class Receiver extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<Response> result;

        Receiver(CompletableFuture<Response> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            result.complete(new Response(r.status().code(), r.headers().copy(), ByteBufUtil.getBytes(r.content())));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IOException("the connection closed before a whole response"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause); // an answer over the limit, a TLS failure…
            ctx.close();
        }
    }

    @Override
    public void close() {
        resolver.close();
    }
}
