package io.modelgate.gateway.proxy;

import io.modelgate.gateway.accesslog.AccessLog;
import io.modelgate.gateway.net.Transport;
import io.modelgate.gateway.proxy.http.ForwardedHeaders;
import io.modelgate.gateway.proxy.upstream.UpstreamConnector;
import io.modelgate.gateway.proxy.upstream.UpstreamPool;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * An entry point: a Netty server whose event loops run the whole request path. Upstream
 * connections are opened on the same loops, one pool per loop.
 */
public final class EntrypointServer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EntrypointServer.class);

    private final EntrypointSettings web;
    private final RuntimeConfigHolder configs;
    private final AccessLog accessLog;
    private final Predicate<InetAddress> trustedProxies;
    private final int threads;
    private final Duration grace;
    private final OpenConnections connections = new OpenConnections();
    private ProxyContext px;
    private Transport transport;
    private EventLoopGroup group;
    private UpstreamConnector connector;
    private Channel server;

    public EntrypointServer(EntrypointSettings settings, RuntimeConfigHolder configs, AccessLog accessLog,
                            Predicate<InetAddress> trustedProxies, int threads, Duration grace) {
        this.web = settings;
        this.configs = configs;
        this.accessLog = accessLog;
        this.trustedProxies = trustedProxies;
        this.threads = threads;
        this.grace = grace;
    }

    @Override
    public synchronized void start() {
        transport = Transport.detect();
        group = transport.newGroup(threads);
        connector = new UpstreamConnector(transport, new UpstreamPool(web.maxIdlePerServer()),
                web.connectTimeout(), web.poolIdleTimeout(), web.responseTimeout(), 64 * 1024);
        px = new ProxyContext(configs::current, connector, accessLog, new ForwardedHeaders(hostName()), trustedProxies,
                web.maxRequestBodyBytes(), web.maxPipelined(), web.readTimeout().toMillis(), web.idleTimeout().toMillis());
        HttpDecoderConfig decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(web.maxInitialLine())
                .setMaxHeaderSize(web.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024);
        try {
            server = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast(new HttpServerCodec(decoder));
                            ch.pipeline().addLast(new ClientConnection(px));
                        }
                    })
                    .bind(web.address(), web.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the " + web.name() + " entry point", e);
        } catch (RuntimeException e) {
            stop();
            throw new IllegalStateException("cannot listen on " + web.address() + ":" + web.port() + ": " + e.getMessage(), e);
        }
        LOG.info("{} entry point listening on {} ({} transport, {} event loops)", web.name(), server.localAddress(),
                transport.name(), threads);
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Drains, then stops: no new connection is accepted, idle ones close, requests in progress are answered
     * (with {@code Connection: close}) for up to the grace period, and what is still open then is cut. Blocking
     * on purpose: Spring stops this bean first (highest phase), so the providers, the access log and the admin
     * port are still up while the last responses go out.
     */
    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close().syncUninterruptibly();
            server = null;
            px.startDraining();
            int open = connections.size();
            if (open > 0) {
                LOG.info("{} entry point stopped accepting; draining {} connection(s) for up to {} s", web.name(), open,
                        grace.toSeconds());
            }
            try {
                int cut = connections.drain(grace);
                if (cut > 0) {
                    LOG.warn("{} entry point: {} connection(s) still busy after the {} s grace period were closed",
                            web.name(), cut, grace.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (group != null) {
            group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
            group = null;
        }
        if (connector != null) {
            connector.close();
            connector = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "modelgate";
        }
    }
}
