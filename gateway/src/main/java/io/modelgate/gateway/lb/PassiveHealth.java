package io.modelgate.gateway.lb;

import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.discovery.config.PassiveHealthSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The health of one service's servers as its selectors see it: down (the active check fails, see
 * {@link ServerState#down()}) or passively ejected after failed requests. Without a
 * {@code passiveHealthCheck}, a server that refused a connection is skipped for {@link #DEFAULT_EJECTION}
 * (like nginx's {@code max_fails=1 fail_timeout}), so during a rolling update requests stop going to a task
 * that is already gone before the provider has noticed. With one, Traefik's {@code maxFailedAttempts}
 * within {@code failureWindow} eject for a window that doubles with each ejection in a row. The last usable
 * server of a service is never ejected. The clock is injected.
 */
public final class PassiveHealth {

    /** How long a server that refused a connection is skipped unless told otherwise. */
    public static final Duration DEFAULT_EJECTION = Duration.ofSeconds(2);

    private final Ticker ticker;
    private final PassiveHealthSpec policy; // null: the built-in skip after a refused connect
    private final long windowNanos;
    private final long maxNanos;
    private final int maxFailures;
    private final Function<UpstreamServer, ServerState> source;
    private final Map<UpstreamServer, ServerState> states = new ConcurrentHashMap<>();

    /**
     * @param policy the service's passive health check, or null for the built-in skip
     * @param source where a server's state lives (kept across reloads by {@link ServerStates})
     */
    public PassiveHealth(Ticker ticker, PassiveHealthSpec policy, Function<UpstreamServer, ServerState> source) {
        this(ticker, policy, DEFAULT_EJECTION, source);
    }

    /** The built-in skip for {@code ejection}, with states of its own. */
    public PassiveHealth(Ticker ticker, Duration ejection) {
        this(ticker, null, ejection, s -> new ServerState());
    }

    private PassiveHealth(Ticker ticker, PassiveHealthSpec policy, Duration builtIn,
                          Function<UpstreamServer, ServerState> source) {
        this.ticker = ticker;
        this.policy = policy;
        this.windowNanos = policy == null ? builtIn.toNanos() : policy.failureWindow().toNanos();
        this.maxNanos = policy == null ? windowNanos : policy.maxEjection().toNanos();
        this.maxFailures = policy == null ? 1 : policy.maxFailedAttempts();
        this.source = source;
    }

    /** On the system clock with the built-in skip. */
    public static PassiveHealth system() {
        return new PassiveHealth(Ticker.systemTicker(), null, s -> new ServerState());
    }

    /** The state of {@code server}. */
    public ServerState state(UpstreamServer server) {
        ServerState s = states.get(server);
        return s != null ? s : states.computeIfAbsent(server, source);
    }

    /** Ejects {@code server} now, whatever the others' state (a test's or an operator's decision). */
    public void failed(UpstreamServer server) {
        state(server).eject(ticker.read(), windowNanos, maxNanos);
    }

    /**
     * A request to {@code server} failed (connect error, or with a policy a timeout or a failure status):
     * ejects it when that makes enough failures, unless no other of {@code servers} could take its requests.
     */
    public void failure(UpstreamServer server, List<UpstreamServer> servers) {
        long now = ticker.read();
        ServerState s = state(server);
        if (s.failure(now, windowNanos, maxFailures) && anotherUsable(server, servers)) {
            s.eject(now, windowNanos, maxNanos);
        }
    }

    /** A request timed out: a failure under a passive policy, nothing under the built-in skip. */
    public void timedOut(UpstreamServer server, List<UpstreamServer> servers) {
        if (policy != null) {
            failure(server, servers);
        }
    }

    /** {@code server} answered with {@code status}: a failure if the policy counts it, else a success. */
    public void responded(UpstreamServer server, int status, List<UpstreamServer> servers) {
        if (policy != null && policy.status().contains(status)) {
            failure(server, servers);
        } else if (policy != null) {
            state(server).succeeded();
        }
    }

    private boolean anotherUsable(UpstreamServer server, List<UpstreamServer> servers) {
        for (UpstreamServer other : servers) {
            if (!other.equals(server) && !other.draining() && usable(other)) {
                return true;
            }
        }
        return false;
    }

    /** True while {@code server} fails its active health check: it gets no requests at all. */
    public boolean isDown(UpstreamServer server) {
        return state(server).down();
    }

    /** True while {@code server} is skipped after failures. */
    public boolean isEjected(UpstreamServer server) {
        ServerState s = state(server);
        if (!s.ejectedFlag()) {
            return false; // the common case: no clock read
        }
        long now = ticker.read();
        if (s.ejectedAt(now)) {
            return true;
        }
        s.ejectionSeen(now);
        return false;
    }

    /** A server affinity may send new or existing clients to: in rotation, not down and not ejected. */
    public boolean usable(UpstreamServer server) {
        return server.weight() > 0 && !isDown(server) && !isEjected(server);
    }

    /** The clock, to show when an ejection ends. */
    public Ticker ticker() {
        return ticker;
    }
}
