package io.modelgate.gateway.lb;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passive health of one service's servers: a server that just refused a connection is skipped for the
 * ejection time (like nginx's {@code max_fails=1 fail_timeout}), so during a rolling update requests stop
 * going to a task that is already gone before the provider has noticed. The clock is injected.
 */
public final class PassiveHealth {

    /** How long a server that refused a connection is skipped unless told otherwise. */
    public static final Duration DEFAULT_EJECTION = Duration.ofSeconds(2);

    private final Ticker ticker;
    private final long ejectionNanos;
    private final Map<UpstreamServer, Long> ejectedUntil = new ConcurrentHashMap<>();

    public PassiveHealth(Ticker ticker, Duration ejection) {
        this.ticker = ticker;
        this.ejectionNanos = ejection.toNanos();
    }

    /** On the system clock with the default ejection time. */
    public static PassiveHealth system() {
        return new PassiveHealth(Ticker.systemTicker(), DEFAULT_EJECTION);
    }

    /** Remembers that {@code server} refused a connection. */
    public void failed(UpstreamServer server) {
        ejectedUntil.put(server, ticker.read() + ejectionNanos);
    }

    /** True while {@code server} is skipped after a failure. */
    public boolean isEjected(UpstreamServer server) {
        if (ejectedUntil.isEmpty()) {
            return false; // the common case: no map lookup, no clock read
        }
        Long until = ejectedUntil.get(server);
        if (until == null) {
            return false;
        }
        if (ticker.read() - until > 0) {
            ejectedUntil.remove(server, until);
            return false;
        }
        return true;
    }

    /** A server affinity may send new or existing clients to: in rotation (weight above 0) and not ejected. */
    public boolean usable(UpstreamServer server) {
        return server.weight() > 0 && !isEjected(server);
    }
}
