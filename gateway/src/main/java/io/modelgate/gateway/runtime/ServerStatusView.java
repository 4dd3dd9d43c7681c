package io.modelgate.gateway.runtime;

import io.modelgate.gateway.lb.PassiveHealth;
import io.modelgate.gateway.lb.ServerState;
import io.modelgate.gateway.lb.UpstreamServer;
import java.time.Instant;

/**
 * One server's state as the admin API shows it, read when asked.
 *
 * @param url          the server
 * @param state        {@code down} (fails its active check), {@code ejected} (passive health),
 *                     {@code draining} (its container is stopping) or {@code up}
 * @param ejectedUntil when an ejection ends, null unless ejected
 * @param inFlight     requests it is serving now
 * @param lastCheck    why the last active check failed, {@code ""} if it passed or there is none
 */
public record ServerStatusView(String url, String state, Instant ejectedUntil, int inFlight, String lastCheck) {

    /** The state of {@code server} now. */
    static ServerStatusView of(UpstreamServer server, PassiveHealth health) {
        ServerState s = health.state(server);
        boolean ejected = health.isEjected(server);
        String state = s.down() ? "down" : ejected ? "ejected" : server.draining() ? "draining" : "up";
        Instant until = ejected
                ? Instant.now().plusNanos(Math.max(0, s.ejectedUntil() - health.ticker().read())) : null;
        return new ServerStatusView(server.url(), state, until, s.inFlight().get(), s.lastCheck());
    }

    /** Traefik's {@code serverStatus} value: {@code UP}, or {@code DOWN} when it gets no new requests. */
    public String traefikStatus() {
        return state.equals("up") || state.equals("draining") ? "UP" : "DOWN";
    }
}
