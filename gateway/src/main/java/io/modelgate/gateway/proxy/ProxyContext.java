package io.modelgate.gateway.proxy;

import static java.util.Objects.requireNonNull;

import io.modelgate.gateway.accesslog.AccessLog;
import io.modelgate.gateway.metrics.EntrypointMeters;
import io.modelgate.gateway.proxy.http.ForwardedHeaders;
import io.modelgate.gateway.proxy.upstream.Connections;
import io.modelgate.gateway.runtime.RuntimeConfig;
import java.net.InetAddress;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What every client connection of an entry point shares: the live configuration, the settings, and the
 * stateless parts of the request path, wired once.
 */
final class ProxyContext {

    private final String entrypoint;
    private final boolean tls;
    private final Supplier<RuntimeConfig> configs;
    private final Predicate<InetAddress> trustedProxies;
    private final long maxRequestBodyBytes;
    private final int maxPipelined;
    private final long readTimeoutMillis;
    private final long idleTimeoutMillis;
    private final ExchangeLog accessLog;
    private final LocalResponder responder;
    private final UpstreamForwarder forwarder;
    private final ResponseRelay relay;
    private final RequestIntake intake;
    private final EdgeLimits edge;
    private final EntrypointMeters meters;
    private final java.util.concurrent.atomic.LongAdder headTimeouts = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder slowBodies = new java.util.concurrent.atomic.LongAdder();
    /** Set once when the entry point stops: every response from then on closes its connection. */
    private volatile boolean draining;
    private long drainIdleMillis;

    /**
     * @param configs             the live routing configuration (read once per request)
     * @param connector           opens upstream connections (and owns their pools)
     * @param accessLog           the access log
     * @param forwarded           forwarding-header policy
     * @param trustedProxies      clients whose {@code X-Forwarded-*} are kept
     * @param maxRequestBodyBytes gateway-wide request body limit, 0 for none
     * @param maxPipelined        requests a client may pipeline before reading pauses
     * @param readTimeoutMillis   a client that owes bytes and sends none for this long gets 408
     * @param idleTimeoutMillis   a connection with no request in progress is closed after this
     */
    ProxyContext(Supplier<RuntimeConfig> configs, Connections connector, AccessLog accessLog, ForwardedHeaders forwarded,
                 Predicate<InetAddress> trustedProxies, long maxRequestBodyBytes, int maxPipelined,
                 long readTimeoutMillis, long idleTimeoutMillis) {
        this("web", false, configs, connector, accessLog, forwarded, trustedProxies, maxRequestBodyBytes, maxPipelined,
                readTimeoutMillis, idleTimeoutMillis, EdgeLimits.DEFAULT);
    }

    /**
     * @param entrypoint the entry point's name: its routes are the ones for this name
     * @param tls        the entry point terminates TLS ({@code X-Forwarded-Proto: https})
     * @param edge       head deadline, body rate, encoded characters
     */
    ProxyContext(String entrypoint, boolean tls, Supplier<RuntimeConfig> configs, Connections connector,
                 AccessLog accessLog, ForwardedHeaders forwarded, Predicate<InetAddress> trustedProxies,
                 long maxRequestBodyBytes, int maxPipelined, long readTimeoutMillis, long idleTimeoutMillis,
                 EdgeLimits edge) {
        this(entrypoint, tls, configs, connector, accessLog, forwarded, trustedProxies, maxRequestBodyBytes, maxPipelined,
                readTimeoutMillis, idleTimeoutMillis, edge, EntrypointMeters.none());
    }

    /** @param meters the entry point's request and connection meters */
    ProxyContext(String entrypoint, boolean tls, Supplier<RuntimeConfig> configs, Connections connector,
                 AccessLog accessLog, ForwardedHeaders forwarded, Predicate<InetAddress> trustedProxies,
                 long maxRequestBodyBytes, int maxPipelined, long readTimeoutMillis, long idleTimeoutMillis,
                 EdgeLimits edge, EntrypointMeters meters) {
        this.meters = requireNonNull(meters, "meters");
        this.edge = requireNonNull(edge, "edge");
        this.entrypoint = requireNonNull(entrypoint, "entrypoint");
        this.tls = tls;
        this.configs = requireNonNull(configs, "configs");
        this.trustedProxies = requireNonNull(trustedProxies, "trustedProxies");
        this.maxRequestBodyBytes = maxRequestBodyBytes;
        this.maxPipelined = maxPipelined;
        this.readTimeoutMillis = readTimeoutMillis;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.accessLog = new ExchangeLog(requireNonNull(accessLog, "accessLog"), entrypoint, meters.requests());
        this.responder = new LocalResponder();
        this.forwarder = new UpstreamForwarder(requireNonNull(connector, "connector"), responder);
        this.relay = new ResponseRelay(forwarder, responder);
        this.intake = new RequestIntake(requireNonNull(forwarded, "forwarded"), new MiddlewareRunner(forwarder, responder),
                responder);
    }

    String entrypoint() {
        return entrypoint;
    }

    EdgeLimits edge() {
        return edge;
    }

    /** Heads that missed their deadline (408). */
    long headTimeouts() {
        return headTimeouts.sum();
    }

    /** Bodies slower than the minimum rate (408). */
    long slowBodies() {
        return slowBodies.sum();
    }

    void countHeadTimeout() {
        headTimeouts.increment();
    }

    void countSlowBody() {
        slowBodies.increment();
    }

    boolean tls() {
        return tls;
    }

    /** True once the entry point is stopping (see {@link OpenConnections}). */
    boolean draining() {
        return draining;
    }

    /** How long an idle connection stays open once the drain began (see {@link ClientConnection#closeWhenDone}). */
    long drainIdleMillis() {
        return drainIdleMillis;
    }

    /** @param idleMillis how long an idle connection may stay open from now: a request may be on its way */
    void startDraining(long idleMillis) {
        drainIdleMillis = idleMillis;
        draining = true; // volatile: publishes drainIdleMillis to the event loops
    }

    /** The configuration for a request that starts now. */
    RuntimeConfig config() {
        return configs.get();
    }

    Predicate<InetAddress> trustedProxies() {
        return trustedProxies;
    }

    long maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    int maxPipelined() {
        return maxPipelined;
    }

    long readTimeoutMillis() {
        return readTimeoutMillis;
    }

    long idleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    ExchangeLog accessLog() {
        return accessLog;
    }

    EntrypointMeters meters() {
        return meters;
    }

    LocalResponder responder() {
        return responder;
    }

    UpstreamForwarder forwarder() {
        return forwarder;
    }

    ResponseRelay relay() {
        return relay;
    }

    RequestIntake intake() {
        return intake;
    }
}
