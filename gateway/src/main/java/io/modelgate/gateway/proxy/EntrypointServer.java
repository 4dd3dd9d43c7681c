package io.modelgate.gateway.proxy;

import io.modelgate.gateway.accesslog.AccessLog;
import io.modelgate.gateway.metrics.RequestMetrics;
import io.modelgate.gateway.net.ListenFailure;
import io.modelgate.gateway.net.Transport;
import io.modelgate.gateway.proxy.http.ForwardedHeaders;
import io.modelgate.gateway.proxy.upstream.UpstreamConnector;
import io.modelgate.gateway.proxy.upstream.UpstreamPool;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The entry points: one Netty server socket each, all on one set of event loops that run the whole request
 * path. Upstream connections are opened on the same loops, one pool per loop, shared by the entry points.
 */
public final class EntrypointServer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(EntrypointServer.class);
    /** The default of {@code modelgate.shutdown.idle-grace}. */
    static final Duration DEFAULT_IDLE_GRACE = Duration.ofSeconds(2);

    private final List<Entrypoint> entrypoints;
    private final RuntimeConfigHolder configs;
    private final AccessLog accessLog;
    private final int threads;
    private final Duration grace;
    private final Duration idleGrace;
    private final RequestMetrics metrics;
    private final OpenConnections connections = new OpenConnections();
    private final List<ProxyContext> contexts = new java.util.concurrent.CopyOnWriteArrayList<>(); // read by metrics
    private final Map<String, Channel> servers = new LinkedHashMap<>();
    private Transport transport;
    private EventLoopGroup group;
    private UpstreamConnector connector;

    public EntrypointServer(List<Entrypoint> entrypoints, RuntimeConfigHolder configs, AccessLog accessLog, int threads,
                            Duration grace) {
        this(entrypoints, configs, accessLog, threads, grace, DEFAULT_IDLE_GRACE, RequestMetrics.none());
    }

    /**
     * @param idleGrace how long an idle connection stays open once the drain began (see {@link #stop})
     * @param metrics   the entry points' request and connection meters come from here
     */
    public EntrypointServer(List<Entrypoint> entrypoints, RuntimeConfigHolder configs, AccessLog accessLog, int threads,
                            Duration grace, Duration idleGrace, RequestMetrics metrics) {
        if (idleGrace.isNegative() || idleGrace.compareTo(grace) > 0) {
            throw new IllegalArgumentException("idle grace " + idleGrace + " not between 0 and the grace " + grace);
        }
        this.idleGrace = idleGrace;
        this.metrics = metrics;
        if (entrypoints.isEmpty()) {
            throw new IllegalArgumentException("no entry point");
        }
        this.entrypoints = List.copyOf(entrypoints);
        this.configs = configs;
        this.accessLog = accessLog;
        this.threads = threads;
        this.grace = grace;
    }

    /** One plain entry point. */
    public EntrypointServer(EntrypointSettings settings, RuntimeConfigHolder configs, AccessLog accessLog,
                            Predicate<InetAddress> trustedProxies, int threads, Duration grace) {
        this(List.of(new Entrypoint(settings, trustedProxies, null, 0)), configs, accessLog, threads, grace);
    }

    @Override
    public synchronized void start() {
        transport = Transport.detect();
        group = transport.newGroup(threads);
        EntrypointSettings up = entrypoints.getFirst().settings(); // the upstream settings are the same for all
        connector = new UpstreamConnector(transport, new UpstreamPool(up.maxIdlePerServer()),
                up.connectTimeout(), up.poolIdleTimeout(), up.responseTimeout(), 64 * 1024);
        ForwardedHeaders forwarded = new ForwardedHeaders(hostName());
        try {
            for (Entrypoint ep : entrypoints) {
                bind(ep, forwarded);
            }
        } catch (RuntimeException e) {
            // Spring does not stop a bean whose start failed: without this the event loops (not daemons) would
            // keep a gateway that cannot start alive, listening on nothing
            stop();
            throw e;
        }
    }

    private void bind(Entrypoint ep, ForwardedHeaders forwarded) {
        EntrypointSettings s = ep.settings();
        ProxyContext px = new ProxyContext(ep.name(), ep.tls() != null, configs::current, connector, accessLog, forwarded,
                ep.trustedProxies(), s.maxRequestBodyBytes(), s.maxPipelined(), s.readTimeout().toMillis(),
                s.idleTimeout().toMillis(), s.edge(), metrics.entrypoint(ep.name()));
        contexts.add(px);
        Channel server;
        try {
            server = new ServerBootstrap()
                    .group(group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                    .childHandler(new ChannelSetup(ep, px, connections, grace.toMillis()))
                    .bind(s.address(), s.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the " + ep.name() + " entry point", e);
        } catch (Exception e) { // bind's IOException comes unchecked out of sync()
            throw new ListenFailure("the " + ep.name() + " entry point", s.address(), s.port(), e, "Stop what listens"
                    + " there, or give the entry point another address: modelgate.entrypoints." + ep.name() + ".port (and"
                    + " .address), or Traefik's --entryPoints." + ep.name() + ".address.");
        }
        servers.put(ep.name(), server);
        LOG.info("{} entry point listening on {} ({}{}, {} transport, {} event loops)", ep.name(), server.localAddress(),
                ep.tls() == null ? "HTTP/1.1" : "TLS, " + ep.tls().store().provider() + " provider",
                ep.http2Streams() == 0 ? "" : ep.tls() != null ? " and HTTP/2" : " and h2c", transport.name(), threads);
    }

    /**
     * Each entry point's address as Traefik writes it ({@code :8080} for every interface), with the port it is
     * bound to (the configured one before start), in configuration order.
     */
    public synchronized Map<String, String> addresses() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (Entrypoint ep : entrypoints) {
            String host = ep.settings().address();
            int bound = servers.containsKey(ep.name()) ? port(ep.name()) : ep.settings().port();
            out.put(ep.name(), (host.equals("0.0.0.0") || host.equals("::") ? "" : host) + ":" + bound);
        }
        return out;
    }

    /** Names of the entry points served. */
    public List<String> entrypointNames() {
        return entrypoints.stream().map(Entrypoint::name).toList();
    }

    /**
     * Requests answered 408 on {@code entrypoint} because their head missed its deadline ({@code head}) or their
     * body came slower than the minimum rate ({@code body}); 0 before start.
     */
    public long edgeTimeouts(String entrypoint, String kind) {
        return contexts.stream().filter(px -> px.entrypoint().equals(entrypoint))
                .mapToLong(px -> kind.equals("head") ? px.headTimeouts() : px.slowBodies()).sum();
    }

    /** The bound port of {@code web}, or of the first entry point if there is no {@code web} (useful when configured as 0). */
    public int port() {
        return port(servers.containsKey("web") ? "web" : servers.keySet().iterator().next());
    }

    /** The bound port of the named entry point. */
    public int port(String entrypoint) {
        Channel server = servers.get(entrypoint);
        if (server == null) {
            throw new IllegalArgumentException("no entry point " + entrypoint + " (have " + servers.keySet() + ")");
        }
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Drains, then stops: no new connection is accepted, requests in progress are answered (with
     * {@code Connection: close}; HTTP/2 connections get GOAWAY) for up to the grace period, and what is still
     * open then is cut. An idle HTTP/1.1 connection is not closed at once: its client may be sending a request on
     * it at this very moment (it cannot know the gateway stops), and a close would meet that request with no
     * answer. It stays open for the idle grace; a request arriving meanwhile is answered with
     * {@code Connection: close}, and only a connection that stayed idle all that time is closed. Blocking on purpose: Spring stops this bean first (highest phase), so the
     * providers, the access log and the admin port are still up while the last responses go out.
     */
    @Override
    public synchronized void stop() {
        if (!servers.isEmpty()) {
            servers.values().forEach(s -> s.close().syncUninterruptibly());
            List<String> names = List.copyOf(servers.keySet());
            servers.clear();
            contexts.forEach(px -> px.startDraining(idleGrace.toMillis()));
            int open = connections.size();
            if (open > 0) {
                LOG.info("{} stopped accepting; draining {} connection(s) for up to {} s", names, open, grace.toSeconds());
            }
            try {
                int cut = connections.drain(grace);
                if (cut > 0) {
                    LOG.warn("{} connection(s) still busy after the {} s grace period were closed", cut, grace.toSeconds());
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
        return !servers.isEmpty();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "modelgate";
        }
    }
}
