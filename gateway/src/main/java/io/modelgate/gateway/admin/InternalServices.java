package io.modelgate.gateway.admin;

import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Traefik's internal services {@code api@internal} (API and dashboard) and {@code prometheus@internal}
 * ({@code /metrics}), which routers on any entry point can target with their own middlewares. They are an
 * ordinary provider snapshot ({@code internal}) whose one server is the admin port itself, under a path
 * prefix that carries a random per-process token: {@link AdminAccess} lets such requests through without
 * the admin port's own authentication (the router's middlewares are the guard, as in Traefik) and strips
 * the prefix. The token never leaves the process except in the admin API's service view.
 */
public final class InternalServices implements ApplicationListener<WebServerInitializedEvent> {

    static final String PROVIDER = "internal";
    /** Scope names: the path segment after the token, and the service names. */
    static final String API = "api";
    static final String PROMETHEUS = "prometheus";

    private final String prefix;
    private final String adminAddress;
    private final RuntimeConfigHolder configs;

    public InternalServices(String adminAddress, RuntimeConfigHolder configs) {
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        this.prefix = "/_internal/" + HexFormat.of().formatHex(token) + "/";
        this.adminAddress = adminAddress;
        this.configs = configs;
        configs.awaitBeforeLoggingProblems(PROVIDER);
    }

    /** {@code /_internal/<token>/}: requests under it come from an internal service. */
    String prefix() {
        return prefix;
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        int port = event.getWebServer().getPort();
        String base = "http://" + loopbackFor(adminAddress) + ":" + port + prefix;
        configs.apply(new ProviderSnapshot(PROVIDER, new RoutingConfig(Map.of(), Map.of(
                API, service(base + API), PROMETHEUS, service(base + PROMETHEUS)), Map.of(), Map.of(
                RoutingConfig.originKey("service", API), "built in",
                RoutingConfig.originKey("service", PROMETHEUS), "built in")), List.of()));
    }

    private static ServiceSpec service(String url) {
        return new ServiceSpec(new LoadBalancerSpec(List.of(ServerSpec.of(url)), false));
    }

    /** A wildcard listen address is reached on loopback; a specific one as itself. */
    static String loopbackFor(String address) {
        if (address == null || address.isBlank() || address.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (address.equals("::") || address.equals("[::]")) {
            return "[::1]";
        }
        return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
    }
}
