package io.modelgate.gateway.runtime;

import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.ErrorsSpec;
import io.modelgate.gateway.middleware.MiddlewareFactory;
import io.modelgate.gateway.lb.HealthChecks;
import io.modelgate.gateway.lb.Admissions;
import io.modelgate.gateway.lb.ServerStates;
import io.modelgate.gateway.lb.sticky.LeaseRegistry;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import io.modelgate.gateway.metrics.RequestMetrics;
import io.modelgate.gateway.pipeline.Middleware;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges provider snapshots into one {@link RuntimeConfig}: qualifies names, resolves references across
 * providers, parses rules, builds middlewares and server pools. A broken element is disabled with its
 * reasons and everything else stays live; a router is disabled (fails closed) if any middleware it names
 * is missing or broken, so a request is never forwarded without, say, its authentication step.
 *
 * The compiler holds what outlives a compile (admission state, middleware caches, server health, leases); one run
 * is a {@link Compilation}.
 */
public final class RuntimeConfigCompiler {

    private final List<EntryPoint> entryPoints;
    private final StickyCookies cookies;
    private final LeaseRegistry leases;
    private final MiddlewareFactory factory;
    private final ErrorsSpec gatewayErrors;
    private final ServerStates states;
    private final HealthChecks healthChecks;
    private Set<String> resolvers = Set.of();
    private Map<String, Middleware> challenges = Map.of();
    private RequestMetrics metrics = RequestMetrics.none();
    /** Admission state outlives a compile: requests in flight keep counting against the caps. */
    private final Admissions admissions = Admissions.system();

    /**
     * @param entryPoints   the entry points that exist ({@code web}, …)
     * @param cookies       sticky cookie values under the gateway's secret
     * @param leases        dedicated-instance leases, kept across compiles
     * @param factory       builds middlewares, keeping their caches across compiles
     * @param gatewayErrors pages for the gateway's own errors ({@code modelgate.errors.*}), or null
     * @param states        every server's health, kept across compiles
     * @param healthChecks  runs the active health checks of each compiled configuration
     */
    public RuntimeConfigCompiler(List<EntryPoint> entryPoints, StickyCookies cookies, LeaseRegistry leases,
                                 MiddlewareFactory factory, ErrorsSpec gatewayErrors, ServerStates states,
                                 HealthChecks healthChecks) {
        this.entryPoints = List.copyOf(entryPoints);
        this.cookies = cookies;
        this.leases = leases;
        this.factory = factory;
        this.gatewayErrors = gatewayErrors;
        this.states = states;
        this.healthChecks = healthChecks;
    }

    /** Without active health checks. */
    public RuntimeConfigCompiler(List<EntryPoint> entryPoints, StickyCookies cookies, LeaseRegistry leases,
                                 MiddlewareFactory factory, ErrorsSpec gatewayErrors) {
        this(entryPoints, cookies, leases, factory, gatewayErrors, new ServerStates(), HealthChecks.NONE);
    }

    /** Plain entry points of these names. */
    public RuntimeConfigCompiler(Set<String> entryPoints, StickyCookies cookies, LeaseRegistry leases,
                                 MiddlewareFactory factory, ErrorsSpec gatewayErrors) {
        this(entryPoints.stream().sorted().map(EntryPoint::plain).toList(), cookies, leases, factory, gatewayErrors);
    }

    public RuntimeConfigCompiler(Set<String> entryPoints, StickyCookies cookies) {
        this(entryPoints, cookies, LeaseRegistry.system(), MiddlewareFactory.withoutNetwork(), null);
    }

    /**
     * The ACME certificate resolvers routers may name, and the HTTP-01 answer for each challenge entry point
     * (a router {@code acme-http@internal} above every other there, the redirect included). Set once, at wiring.
     */
    public RuntimeConfigCompiler withAcme(Set<String> resolvers, Map<String, Middleware> challengeByEntryPoint) {
        this.resolvers = Set.copyOf(resolvers);
        this.challenges = Map.copyOf(challengeByEntryPoint);
        return this;
    }

    /** Where each route's request meters come from; told after each compile what is still live. Set once, at wiring. */
    public RuntimeConfigCompiler withMetrics(RequestMetrics requestMetrics) {
        this.metrics = java.util.Objects.requireNonNull(requestMetrics, "requestMetrics");
        return this;
    }

    public RuntimeConfig compile(Collection<ProviderSnapshot> snapshots) {
        Compilation c = new Compilation(cookies, leases, factory, entryPoints, states, resolvers, admissions);
        c.metrics = metrics;
        for (ProviderSnapshot s : snapshots) {
            c.problems.addAll(s.problems());
            c.collect(s);
            c.tls.collect(s);
        }
        c.compileServices();
        c.compileWeighted();
        admissions.retain(c.admitted);
        c.compileMiddlewares();
        c.compileRouters();
        c.entrypoints.addRedirects(factory).forEach(v -> c.routerViews.put(v.name(), v));
        c.entrypoints.addAcmeChallenges(challenges).forEach(v -> c.routerViews.put(v.name(), v));
        Middleware pages = c.gatewayPages(gatewayErrors);
        factory.commit();
        states.retain(c.liveStates);
        leases.retain(c.pools.keySet());
        healthChecks.apply(c.checks);
        metrics.retain(c.liveRoutes, c.pools.values());
        return new RuntimeConfig(c.entrypoints.indexes(), c.routerViews, c.serviceViews,
                c.middlewareViews, c.problems, pages, c.tls.result());
    }
}
