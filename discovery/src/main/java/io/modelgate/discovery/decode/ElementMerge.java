package io.modelgate.discovery.decode;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.TlsConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Routers, services and middlewares of one provider gathered from several places (Docker workloads, files of a
 * directory) into one configuration, with what conflicts dropped and reported. Shared by the providers so a name
 * defined twice behaves the same way wherever it was decoded; only the policy differs:
 * <ul>
 *   <li>{@link Policy#REPLICAS} (Docker, as Traefik's provider): identical definitions are one element, and a
 *       service defined by several workloads is one service over all their servers (replicas); definitions that
 *       differ are a conflict;</li>
 *   <li>{@link Policy#EXCLUSIVE} (files): a name belongs to one file; defined in two, it is a conflict even when
 *       the definitions agree (an operator editing one file would otherwise silently keep the other's copy).</li>
 * </ul>
 * A conflicting element is dropped everywhere, never resolved by reading order.
 */
public final class ElementMerge {

    /** How a second definition of a name is treated. */
    public enum Policy { REPLICAS, EXCLUSIVE }

    private final String provider;
    private final Policy policy;
    private final Map<String, Defined<RouterSpec>> routers = new TreeMap<>();
    private final Map<String, Defined<ServiceSpec>> services = new TreeMap<>();
    private final Map<String, Defined<MiddlewareSpec>> middlewares = new TreeMap<>();

    /** @param provider the provider's name, for problems ({@code docker}, {@code file}) */
    public ElementMerge(String provider, Policy policy) {
        this.provider = provider;
        this.policy = policy;
    }

    public void router(String name, RouterSpec spec, String where) {
        define(routers, name, spec, where);
    }

    public void middleware(String name, MiddlewareSpec spec, String where) {
        define(middlewares, name, spec, where);
    }

    public void service(String name, ServiceSpec spec, String where) {
        Defined<ServiceSpec> d = services.get(name);
        if (d == null || policy == Policy.EXCLUSIVE) {
            define(services, name, spec, where);
            return;
        }
        d.from.add(where);
        LoadBalancerSpec a = d.spec.loadBalancer();
        LoadBalancerSpec b = spec.loadBalancer();
        if (a.passHostHeader() != b.passHostHeader() || !Objects.equals(a.sticky(), b.sticky())
                || !Objects.equals(a.admission(), b.admission())
                || !Objects.equals(a.healthCheck(), b.healthCheck())
                || !Objects.equals(a.passiveHealthCheck(), b.passiveHealthCheck())) {
            d.conflict = true;
            return;
        }
        List<ServerSpec> servers = new ArrayList<>(a.servers());
        b.servers().stream().filter(s -> !servers.contains(s)).forEach(servers::add);
        d.spec = new ServiceSpec(a.withServers(servers));
    }

    /** Every element of a decoded configuration, each from where that configuration says it was written. */
    public void addAll(RoutingConfig c) {
        c.routers().forEach((n, spec) -> router(n, spec, c.origin("router", n)));
        c.services().forEach((n, spec) -> service(n, spec, c.origin("service", n)));
        c.middlewares().forEach((n, spec) -> middleware(n, spec, c.origin("middleware", n)));
    }

    private <S> void define(Map<String, Defined<S>> map, String name, S spec, String where) {
        Defined<S> d = map.get(name);
        if (d == null) {
            map.put(name, new Defined<>(spec, where));
            return;
        }
        d.from.add(where);
        if (policy == Policy.EXCLUSIVE || !d.spec.equals(spec)) {
            d.conflict = true;
        }
    }

    /**
     * The merged configuration; each conflict becomes a problem in {@code problems}.
     *
     * @param tls the provider's TLS section (merged by its own rules)
     */
    public RoutingConfig build(TlsConfig tls, List<Problem> problems) {
        Map<String, RouterSpec> r = new LinkedHashMap<>();
        Map<String, ServiceSpec> s = new LinkedHashMap<>();
        Map<String, MiddlewareSpec> m = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        collect("router", routers, r, origins, problems);
        collect("service", services, s, origins, problems);
        collect("middleware", middlewares, m, origins, problems);
        return new RoutingConfig(r, s, m, origins, tls);
    }

    private <S> void collect(String kind, Map<String, Defined<S>> in, Map<String, S> out, Map<String, String> origins,
                             List<Problem> problems) {
        in.forEach((name, d) -> {
            String from = String.join(", ", d.from);
            if (d.conflict) {
                problems.add(new Problem(provider, kind + " " + name + "@" + provider, from, policy == Policy.REPLICAS
                        ? "conflicting definitions in " + from + ": the " + kind + " is dropped"
                        : "defined in several files (" + from + "): dropped"));
            } else {
                out.put(name, d.spec);
                origins.put(RoutingConfig.originKey(kind, name), from);
            }
        });
    }

    /** An element and where it was defined; {@code conflict} once a second definition is refused. */
    private static final class Defined<S> {
        S spec;
        final List<String> from = new ArrayList<>();
        boolean conflict;

        Defined(S spec, String where) {
            this.spec = spec;
            from.add(where);
        }
    }
}
