package io.modelgate.gateway.proxy;

import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.gateway.accesslog.AccessLogRecord;
import io.modelgate.gateway.lb.UpstreamServer;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import io.modelgate.gateway.proxy.http.ForwardedHeaders;
import io.modelgate.gateway.proxy.upstream.Connections;
import io.modelgate.gateway.proxy.upstream.UpstreamConnector;
import io.modelgate.gateway.proxy.upstream.UpstreamHandler;
import io.modelgate.gateway.proxy.upstream.UpstreamPool;
import io.modelgate.discovery.rule.RouteIndex;
import io.modelgate.discovery.rule.RuleParser;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.runtime.Route;
import io.modelgate.gateway.runtime.RuntimeConfig;
import io.modelgate.gateway.runtime.RuntimeConfigCompiler;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.modelgate.gateway.proxy.codec.ClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data plane on Netty's {@link EmbeddedChannel}s: no Spring, no sockets. A client connection
 * ({@link ClientCodec} + {@link ClientConnection}) whose upstream connections are embedded channels too
 * ({@code HttpClientCodec} + {@link UpstreamHandler}); a test writes raw bytes on either side and reads what the
 * gateway wrote. One router {@code PathPrefix(`/`)} to the servers given, with the middlewares given.
 */
final class EmbeddedProxy {

    static final long READ_TIMEOUT_MS = 60_000;
    static final long IDLE_TIMEOUT_MS = 180_000;
    static final long RESPONSE_TIMEOUT_MS = 120_000; // above the read timeout: a stalled client is the client's fault
    static final long POOL_IDLE_MS = 300_000;

    final List<EmbeddedChannel> upstreams = new ArrayList<>();
    final List<AccessLogRecord> log = new ArrayList<>();
    final EmbeddedChannel client;
    final ProxyContext px;
    private final UpstreamPool pool = new UpstreamPool(8);
    /** Connects to these servers fail (connection refused). */
    final Set<String> refused = new java.util.HashSet<>();

    EmbeddedProxy(List<String> servers, Map<String, MiddlewareSpec> middlewares, int maxPipelined, long maxBody) {
        this(compiled(servers, middlewares), maxPipelined, maxBody);
    }

    /** With a configuration built by hand (a test's own middlewares). */
    EmbeddedProxy(RuntimeConfig config, int maxPipelined, long maxBody) {
        this(config, maxPipelined, maxBody, EdgeLimits.DEFAULT);
    }

    /** With the edge limits given (head deadline, body rate, encoded characters). */
    EmbeddedProxy(RuntimeConfig config, int maxPipelined, long maxBody, EdgeLimits edge) {
        ProxyContext px = new ProxyContext("web", false, () -> config, new EmbeddedConnections(), log::add,
                new ForwardedHeaders("gw"), ip -> false, maxBody, maxPipelined, READ_TIMEOUT_MS, IDLE_TIMEOUT_MS, edge);
        this.px = px;
        client = new ClientChannel();
        client.pipeline().addLast(new ClientCodec(new HttpDecoderConfig()), new ClientConnection(px));
        client.pipeline().fireChannelActive();
    }

    private static RuntimeConfig compiled(List<String> servers, Map<String, MiddlewareSpec> middlewares) {
        RuntimeConfigHolder configs = new RuntimeConfigHolder(new RuntimeConfigCompiler(Set.of("web"),
                new StickyCookies("embedded-proxy-secret-0123".getBytes(StandardCharsets.UTF_8))));
        var routers = Map.of("r", new RouterSpec("PathPrefix(`/`)", null, List.copyOf(middlewares.keySet()), "s", List.of()));
        var services = Map.of("s", new ServiceSpec(new LoadBalancerSpec(servers.stream().map(ServerSpec::of).toList(), false,
                null)));
        configs.apply(new ProviderSnapshot("file", new RoutingConfig(routers, services, middlewares, Map.of()), List.of()));
        return configs.current();
    }

    /** One route {@code PathPrefix(`/`)} to {@code servers} through {@code middlewares}, built by hand. */
    static RuntimeConfig route(List<String> servers, List<Middleware> middlewares) {
        List<UpstreamServer> ups = servers.stream().map(u -> UpstreamServer.of(ServerSpec.of(u))).toList();
        Route route = new Route("r@test", ServicePool.roundRobin("s@test", ups, false), middlewares);
        RouteIndex<Route> index = new RouteIndex<>(List.of(new RouteIndex.Entry<>(route,
                RuleParser.parse("PathPrefix(`/`)"), 1, "r@test")));
        return new RuntimeConfig(index, Map.of(), Map.of(), Map.of(), List.of(), null);
    }

    EmbeddedProxy(String... servers) {
        this(List.of(servers), Map.of(), 16, 0);
    }

    /** Bytes from the client. */
    void clientSends(String raw) {
        client.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        client.runPendingTasks();
    }

    /** Everything the gateway wrote to the client so far. */
    String clientReceived() {
        return drain(client);
    }

    /** Bytes from upstream connection {@code i}. */
    void serverSends(int i, String raw) {
        upstreams.get(i).writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        client.runPendingTasks();
    }

    /** Everything the gateway wrote to upstream connection {@code i} so far. */
    String serverReceived(int i) {
        return drain(upstreams.get(i));
    }

    private static String drain(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        Object m;
        while ((m = ch.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) m;
            out.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return out.toString();
    }

    /** A client channel with a socket address, as the access log and forwarded headers need one. */
    private static final class ClientChannel extends EmbeddedChannel {

        @Override
        protected SocketAddress remoteAddress0() {
            return new InetSocketAddress("127.0.0.1", 40000);
        }
    }

    private final class EmbeddedConnections implements Connections {
        @Override
        public UpstreamHandler pooled(UpstreamServer server) {
            return pool.poll(server);
        }

        @Override
        public Future<UpstreamHandler> connect(EventLoop loop, UpstreamServer server) {
            EmbeddedChannel up = new EmbeddedChannel();
            if (refused.contains(server.url())) {
                return up.eventLoop().newFailedFuture(new ConnectException("connection refused: " + server.url()));
            }
            up.pipeline().addLast(UpstreamConnector.CODEC, new HttpClientCodec());
            UpstreamHandler handler = new UpstreamHandler(pool, server.poolKey(), RESPONSE_TIMEOUT_MS, POOL_IDLE_MS);
            up.pipeline().addLast(handler);
            upstreams.add(up);
            return up.eventLoop().newSucceededFuture(handler);
        }
    }
}
