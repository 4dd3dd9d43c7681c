package io.modelgate.gateway.proxy;

import io.modelgate.gateway.middleware.errors.PageClient;
import io.modelgate.gateway.runtime.UpstreamServer;
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
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Fetches error pages with a one-shot Netty connection on the caller's event loop (pages are cached, so
 * fetches are rare and pooling would buy nothing). The whole exchange, connect included, is bounded by one
 * timeout; pages over {@link #MAX_PAGE_BYTES} are refused.
 */
public final class NettyPageClient implements PageClient, AutoCloseable {

    static final int MAX_PAGE_BYTES = 256 * 1024;

    private final Bootstrap template;
    private final SslContext ssl;
    private final DnsAddressResolverGroup resolver;
    private final long timeoutMillis;

    public NettyPageClient(Duration timeout) {
        Transport transport = Transport.detect();
        this.timeoutMillis = timeout.toMillis();
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(transport.datagramChannel()));
        try {
            this.ssl = SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot create the TLS client context", e);
        }
        this.template = new Bootstrap()
                .channel(transport.socketChannel())
                .resolver(resolver)
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis));
    }

    @Override
    public CompletableFuture<Fetched> get(EventLoop loop, UpstreamServer server, String pathAndQuery,
                                          Map<String, String> headers) {
        CompletableFuture<Fetched> result = new CompletableFuture<>();
        ChannelFuture connect = template.clone(loop).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                if (server.tls()) {
                    ch.pipeline().addLast(ssl.newHandler(ch.alloc(), server.host(), server.port()));
                }
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_PAGE_BYTES),
                        new Receiver(result));
            }
        }).connect(server.address());
        ScheduledFuture<?> timer = loop.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("error page " + server.url() + pathAndQuery))) {
                connect.channel().close();
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        result.whenComplete((r, e) -> timer.cancel(false));
        connect.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                return;
            }
            var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, pathAndQuery);
            headers.forEach((name, value) -> request.headers().set(name, value));
            request.headers().set(HttpHeaderNames.HOST, server.hostHeader())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            f.channel().writeAndFlush(request);
        });
        return result;
    }

    /** Completes the fetch with the first full response, or with whatever ended the connection first. */
    private static final class Receiver extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final CompletableFuture<Fetched> result;

        Receiver(CompletableFuture<Fetched> result) {
            this.result = result;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
            result.complete(new Fetched(r.status().code(), r.headers().get(HttpHeaderNames.CONTENT_TYPE),
                    ByteBufUtil.getBytes(r.content())));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            result.completeExceptionally(new IOException("error service closed the connection"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            result.completeExceptionally(cause); // a page over the limit, a TLS failure…
            ctx.close();
        }
    }

    @Override
    public void close() {
        resolver.close();
    }
}
