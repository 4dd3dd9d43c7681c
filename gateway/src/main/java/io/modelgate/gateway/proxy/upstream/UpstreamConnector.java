package io.modelgate.gateway.proxy.upstream;

import io.modelgate.gateway.lb.UpstreamServer;
import io.modelgate.gateway.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Opens upstream connections on a given event loop (the client connection's own). Host names are
 * resolved with Netty's asynchronous DNS resolver, so a slow DNS server never blocks an event loop.
 */
public final class UpstreamConnector implements Connections, AutoCloseable {

    /** The name of the HTTP codec in an upstream pipeline. */
    public static final String CODEC = "http";

    private final Bootstrap template;
    private final UpstreamPool pool;
    private final SslContext ssl;
    private final DnsAddressResolverGroup resolver;
    private final long poolIdleMillis;
    private final long responseTimeoutMillis;
    private final int maxHeaderBytes;

    public UpstreamConnector(Transport transport, UpstreamPool pool, Duration connectTimeout, Duration poolIdleTimeout,
                      Duration responseTimeout, int maxHeaderBytes) {
        this.pool = pool;
        this.responseTimeoutMillis = responseTimeout.toMillis();
        this.poolIdleMillis = poolIdleTimeout.toMillis();
        this.maxHeaderBytes = maxHeaderBytes;
        this.resolver = transport.newResolver();
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
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    }

    @Override
    public UpstreamHandler pooled(UpstreamServer server) {
        return pool.poll(server);
    }

    @Override
    public ChannelFuture connect(EventLoop loop, UpstreamServer server) {
        return template.clone(loop).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ChannelPipeline p = ch.pipeline();
                if (server.tls()) {
                    p.addLast(ssl.newHandler(ch.alloc(), server.host(), server.port()));
                }
                p.addLast(CODEC, new HttpClientCodec(new HttpDecoderConfig()
                        .setMaxHeaderSize(maxHeaderBytes)
                        .setMaxInitialLineLength(8192), false, false));
                p.addLast(new UpstreamHandler(pool, server.poolKey(), responseTimeoutMillis, poolIdleMillis));
            }
        }).connect(server.address());
    }

    @Override
    public void close() {
        resolver.close();
    }
}
