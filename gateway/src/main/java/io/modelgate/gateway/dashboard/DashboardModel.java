package io.modelgate.gateway.dashboard;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.StickySpec;
import io.modelgate.gateway.dashboard.DashboardViews.AdmissionRow;
import io.modelgate.gateway.dashboard.DashboardViews.Counts;
import io.modelgate.gateway.dashboard.DashboardViews.EntrypointRow;
import io.modelgate.gateway.dashboard.DashboardViews.MiddlewareRow;
import io.modelgate.gateway.dashboard.DashboardViews.Overview;
import io.modelgate.gateway.dashboard.DashboardViews.RouterDetail;
import io.modelgate.gateway.dashboard.DashboardViews.RouterRow;
import io.modelgate.gateway.dashboard.DashboardViews.ServerRow;
import io.modelgate.gateway.dashboard.DashboardViews.ServiceDetail;
import io.modelgate.gateway.dashboard.DashboardViews.ServiceRow;
import io.modelgate.gateway.lb.Admission;
import io.modelgate.gateway.lb.UpstreamServer;
import io.modelgate.gateway.lb.sticky.DedicatedSelector;
import io.modelgate.gateway.metrics.RequestMetrics;
import io.modelgate.gateway.runtime.MiddlewareView;
import io.modelgate.gateway.runtime.RouterView;
import io.modelgate.gateway.runtime.RuntimeConfig;
import io.modelgate.gateway.runtime.ServerStatusView;
import io.modelgate.gateway.runtime.ServiceView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads the live configuration, the server states and the request meters into the pages' views. Every call
 * reads the configuration once, so one page never mixes two generations.
 */
final class DashboardModel {

    /** What the model reads; the gateway's live parts in production, fixed values in tests. */
    record Sources(Supplier<RuntimeConfig> config, Supplier<Long> generation, Supplier<Long> lastAppliedMillis,
                   Supplier<List<Problem>> liveProblems, Supplier<Map<String, Integer>> entrypointPorts,
                   RequestMetrics metrics) {
    }

    private final Sources sources;
    private final TrafficRates rates;

    DashboardModel(Sources sources, TrafficRates rates) {
        this.sources = sources;
        this.rates = rates;
    }

    Overview overview() {
        RuntimeConfig c = sources.config().get();
        List<Problem> problems = Stream.concat(c.problems().stream(), sources.liveProblems().get().stream()).toList();
        List<EntrypointRow> entrypoints = new ArrayList<>();
        sources.entrypointPorts().get().forEach((name, port) -> entrypoints.add(new EntrypointRow(name, port,
                rates.of("entrypoint:" + name, sources.metrics().entrypointTraffic(name)))));
        List<RouterRow> routers = c.routers().values().stream().sorted(Comparator.comparing(RouterView::name))
                .map(this::row).toList();
        List<ServiceRow> services = c.services().values().stream().sorted(Comparator.comparing(ServiceView::name))
                .map(this::row).toList();
        List<MiddlewareRow> middlewares = c.middlewares().values().stream()
                .sorted(Comparator.comparing(MiddlewareView::name))
                .map(m -> new MiddlewareRow(m.name(), m.spec().type(), m.usedBy(), m.status().status(), m.status().errors()))
                .toList();
        long applied = sources.lastAppliedMillis().get();
        return new Overview(sources.generation().get(), applied == 0 ? null : Instant.ofEpochMilli(applied), problems,
                entrypoints, Counts.of(routers.stream().map(RouterRow::status).toList()),
                Counts.of(services.stream().map(ServiceRow::status).toList()),
                Counts.of(middlewares.stream().map(MiddlewareRow::status).toList()), routers, services, middlewares);
    }

    /** A router's page, or null if there is no such router. */
    RouterDetail router(String name) {
        RuntimeConfig c = sources.config().get();
        RouterView r = c.routers().get(name);
        if (r == null) {
            return null;
        }
        ServiceView s = r.service() == null ? null : c.services().get(r.service());
        return new RouterDetail(row(r), r.provider(), r.origin(), r.entryPoints(), r.priority(), r.middlewares(),
                s == null ? null : detail(s));
    }

    /** A service's page, or null if there is no such service. */
    ServiceDetail service(String name) {
        ServiceView s = sources.config().get().services().get(name);
        return s == null ? null : detail(s);
    }

    private RouterRow row(RouterView r) {
        return new RouterRow(r.name(), r.spec().rule(), r.service(), r.status().status(), r.status().errors(),
                rates.of("router:" + r.name(), sources.metrics().routerTraffic(r.name())));
    }

    private ServiceRow row(ServiceView s) {
        List<ServerStatusView> states = s.serverStatus();
        int usable = (int) states.stream().filter(st -> st.traefikStatus().equals("UP")).count();
        int servers = s.pool() != null ? states.size()
                : s.spec().weighted() != null ? 0 : s.spec().loadBalancer().servers().size();
        return new ServiceRow(s.name(), usable, servers, s.status().status(), s.status().errors(),
                rates.of("service:" + s.name(), sources.metrics().serviceTraffic(s.name())));
    }

    private ServiceDetail detail(ServiceView s) {
        List<ServerRow> servers = new ArrayList<>();
        List<ServerStatusView> states = s.serverStatus();
        Admission admission = s.admission();
        for (int i = 0; i < states.size(); i++) {
            ServerStatusView st = states.get(i);
            UpstreamServer server = s.pool().servers().get(i);
            servers.add(new ServerRow(st.url(), server.weight(), st.state(), st.inFlight(),
                    admission == null ? -1 : admission.queuedFor(st.url()), st.ejectedUntil(), st.lastCheck()));
        }
        long leases = s.pool() != null && s.pool().selector() instanceof DedicatedSelector d ? d.leaseCount() : -1;
        AdmissionRow admissionRow = admission == null ? null : new AdmissionRow(admission.spec().maxInFlight(),
                admission.spec().queueSize(), admission.spec().queueTimeout().toString(), admission.queued(),
                admission.counts().timedOut(), admission.counts().refusedFull());
        return new ServiceDetail(row(s), s.provider(), s.origin(), balancing(s.spec()), leases,
                s.usedBy(), servers, admissionRow);
    }

    /** How the service picks a server (or a weighted one a service), in the words of the sticky-sessions page. */
    static String balancing(ServiceSpec spec) {
        if (spec.weighted() != null) {
            return "weighted: " + spec.weighted().services().stream().map(c -> c.name() + " (" + c.weight() + ")")
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        return balancing(spec.loadBalancer().sticky());
    }

    /** How the service picks a server, in the words of the sticky-sessions page. */
    static String balancing(StickySpec sticky) {
        if (sticky == null) {
            return "weighted round robin";
        }
        if (sticky.cookie() != null) {
            return "sticky cookie " + (sticky.cookie().name() == null ? "(default name)" : sticky.cookie().name());
        }
        return (sticky.dedicated() ? "dedicated instance per " : "key affinity on ") + sticky.key();
    }
}
