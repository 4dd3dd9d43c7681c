package io.modelgate.gateway.proxy.upstream;

import io.modelgate.gateway.lb.UpstreamServer;
import io.modelgate.gateway.net.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Opens upstream connections on a given event loop (the client connection's own): HTTP/1.1 over TCP or TLS, or
 * a stream on an h2c connection ({@link H2cConnections}). Host names are resolved with Netty's asynchronous DNS
 * resolver, so a slow DNS server never blocks an event loop.
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
    private final long connectTimeoutMillis;
    private final H2cConnections h2c = new H2cConnections(this::dialH2c);

    public UpstreamConnector(Transport transport, UpstreamPool pool, Duration connectTimeout, Duration poolIdleTimeout,
                      Duration responseTimeout, int maxHeaderBytes) {
        this.pool = pool;
        this.responseTimeoutMillis = responseTimeout.toMillis();
        this.poolIdleMillis = poolIdleTimeout.toMillis();
        this.maxHeaderBytes = maxHeaderBytes;
        this.connectTimeoutMillis = connectTimeout.toMillis();
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
                // a failed write (the server answered early and closed, a reset) must not close the channel
                // before its answer, already in the socket's buffer, is read: UpstreamHandler decides
                .option(ChannelOption.AUTO_CLOSE, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
    }

    @Override
    public UpstreamHandler pooled(UpstreamServer server) {
        return server.h2c() ? null : pool.poll(server); // an h2c stream is opened by connect, never pooled
    }

    @Override
    public Future<UpstreamHandler> connect(EventLoop loop, UpstreamServer server) {
        if (server.h2c()) {
            return h2c.stream(loop, server);
        }
        Promise<UpstreamHandler> promise = loop.newPromise();
        connectHttp1(loop, server).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                promise.setSuccess(f.channel().pipeline().get(UpstreamHandler.class));
            } else {
                promise.setFailure(f.cause());
            }
        });
        return promise;
    }

    private H2cConnection dialH2c(EventLoop loop, UpstreamServer server) {
        H2cConnection connection = new H2cConnection(h2c, server.poolKey(),
                H2cPipeline.streams(server.poolKey(), responseTimeoutMillis, poolIdleMillis),
                poolIdleMillis, loop.newPromise());
        ChannelFuture connected = template.clone(loop).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                H2cPipeline.connection(ch.pipeline(), maxHeaderBytes, connection);
            }
        }).connect(server.address());
        connected.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                connection.failed(f.cause());
                return;
            }
            // a server that accepts the connection but never sends its SETTINGS is as good as refused
            f.channel().eventLoop().schedule(() -> {
                if (!connection.ready().isDone()) {
                    f.channel().close();
                }
            }, connectTimeoutMillis, TimeUnit.MILLISECONDS);
        });
        return connection;
    }

    private ChannelFuture connectHttp1(EventLoop loop, UpstreamServer server) {
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
