package io.modelgate.gateway.runtime;

import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.lb.Admission;
import java.util.List;

/**
 * A service as the admin API shows it.
 *
 * @param name     qualified name
 * @param provider the provider it came from
 * @param spec     its configuration
 * @param usedBy   routers that use it
 * @param origin   where it was defined
 * @param status   enabled, warning or disabled, and why
 * @param pool     its compiled servers (with their admission control, if any), or null when disabled
 */
public record ServiceView(String name, String provider, ServiceSpec spec, List<String> usedBy, String origin,
                          ElementStatus status, ServicePool pool) {

    /** Without servers (a disabled service). */
    public ServiceView(String name, String provider, ServiceSpec spec, List<String> usedBy, String origin,
                       ElementStatus status) {
        this(name, provider, spec, usedBy, origin, status, null);
    }

    /** Each server's state now; empty when disabled. */
    public List<ServerStatusView> serverStatus() {
        return pool == null ? List.of()
                : pool.servers().stream().map(s -> ServerStatusView.of(s, pool.health())).toList();
    }

    /** Its live admission control (in-flight and queued requests), or null if it has none. */
    public Admission admission() {
        return pool == null ? null : pool.admission();
    }
}
