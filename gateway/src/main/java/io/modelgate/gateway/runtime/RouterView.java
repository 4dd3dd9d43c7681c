package io.modelgate.gateway.runtime;

import io.modelgate.discovery.config.RouterSpec;
import java.util.List;

/**
 * A router as the admin API shows it.
 *
 * @param name        qualified name
 * @param provider    the provider it came from
 * @param spec        its configuration
 * @param service     the qualified service name
 * @param middlewares qualified middleware names
 * @param priority    effective priority
 * @param origin      where it was defined
 * @param status      enabled or disabled, and why
 * @param entryPoints the entry points it is served on: those it names, or every one (every TLS one for a
 *                    router with {@code tls}) when it names none, as Traefik's API lists them
 */
public record RouterView(String name, String provider, RouterSpec spec, String service, List<String> middlewares,
                         int priority, String origin, ElementStatus status, List<String> entryPoints) {

    public RouterView {
        entryPoints = List.copyOf(entryPoints);
    }
}
