package io.modelgate.gateway.runtime;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.QualifiedName;
import io.modelgate.discovery.config.ChainSpec;
import io.modelgate.discovery.config.ErrorsSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.rule.Rule;
import io.modelgate.discovery.rule.RuleParser;
import io.modelgate.discovery.rule.RuleSyntaxException;
import io.modelgate.discovery.rule.RouteIndex;
import io.modelgate.gateway.middleware.MiddlewareFactory;
import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.gateway.lb.HealthChecks;
import io.modelgate.gateway.lb.Admissions;
import io.modelgate.gateway.lb.PassiveHealth;
import io.modelgate.gateway.lb.ServerStates;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.lb.ServiceTarget;
import io.modelgate.gateway.lb.WeightedServices;
import io.modelgate.gateway.lb.UpstreamServer;
import io.modelgate.gateway.lb.sticky.LeaseRegistry;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import io.modelgate.gateway.lb.sticky.StickySelectors;
import io.modelgate.gateway.metrics.RequestMetrics;
import io.modelgate.gateway.pipeline.Middleware;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One compile run of {@link RuntimeConfigCompiler}: the elements collected from the snapshots, what was built
 * from them, what failed and why, and the views for the API. Its cross-references (services, routers and
 * middlewares, each used by the others, and the views that list both directions) are kept in one place on purpose.
 */
final class Compilation {
    final StickySelectors selectors;
    final MiddlewareFactory factory;
    final List<Problem> problems = new ArrayList<>();
    final Map<String, Element<RouterSpec>> routers = new TreeMap<>();
    final Map<String, Element<ServiceSpec>> services = new TreeMap<>();
    final Map<String, Element<MiddlewareSpec>> middlewares = new TreeMap<>();
    final Map<String, ServicePool> pools = new HashMap<>();
    final Map<String, WeightedServices> weighted = new HashMap<>();
    final Map<String, List<String>> serviceErrors = new HashMap<>();
    final Map<String, List<Middleware>> builtMiddlewares = new HashMap<>();
    final Map<String, List<String>> middlewareErrors = new HashMap<>();
    final Map<String, List<String>> middlewareWarnings = new HashMap<>();
    final Map<String, Set<String>> usedBy = new HashMap<>();
    final EntrypointRoutes entrypoints;
    final TlsCompiler tls;
    final Map<String, RouterView> routerViews = new HashMap<>();
    final Map<String, ServiceView> serviceViews = new HashMap<>();
    final Map<String, MiddlewareView> middlewareViews = new HashMap<>();

    final ServerStates states;
    final Set<String> liveStates = new java.util.HashSet<>();
    final List<HealthChecks.Target> checks = new ArrayList<>();
    final Admissions admissions;
    RequestMetrics metrics = RequestMetrics.none();
    final Set<String> liveRoutes = new java.util.HashSet<>();
    /** The qualified name each built middleware was built under (chains are flattened into their members). */
    final Map<Middleware, String> names = new java.util.IdentityHashMap<>();
    final Set<String> admitted = new java.util.HashSet<>();

    Compilation(StickyCookies cookies, LeaseRegistry leases, MiddlewareFactory factory, List<EntryPoint> entryPoints,
                ServerStates states, Set<String> resolvers, Admissions admissions) {
        this.tls = new TlsCompiler(problems, resolvers);
        this.states = states;
        this.selectors = new StickySelectors(cookies, leases);
        this.admissions = admissions;
        this.factory = factory;
        this.entrypoints = new EntrypointRoutes(entryPoints);
    }

    void collect(ProviderSnapshot s) {
        RoutingConfig cfg = s.config();
        String p = s.provider();
        cfg.routers().forEach((n, spec) -> routers.put(n + "@" + p, new Element<>(n, p, spec, cfg.origin("router", n))));
        cfg.services().forEach((n, spec) -> services.put(n + "@" + p, new Element<>(n, p, spec, cfg.origin("service", n))));
        cfg.middlewares().forEach((n, spec) -> middlewares.put(n + "@" + p,
                new Element<>(n, p, spec, cfg.origin("middleware", n))));
    }

    void compileMiddlewares() {
        for (String name : middlewares.keySet()) {
            List<String> errors = new ArrayList<>();
            List<Middleware> built = flatten(name, new LinkedHashSet<>(), errors);
            if (errors.isEmpty()) {
                builtMiddlewares.put(name, built);
            } else {
                middlewareErrors.put(name, errors);
                report("middleware", name, middlewares.get(name), errors);
            }
        }
    }

    /** The middleware, with chains expanded in order; cycles and missing members are errors. */
    private List<Middleware> flatten(String name, LinkedHashSet<String> path, List<String> errors) {
        Element<MiddlewareSpec> el = middlewares.get(name);
        if (el == null) {
            errors.add(absent("middleware", name, false));
            return List.of();
        }
        if (!path.add(name)) {
            errors.add("chain cycle: " + String.join(" -> ", path) + " -> " + name);
            return List.of();
        }
        try {
            if (el.spec() instanceof ChainSpec chain) {
                List<Middleware> out = new ArrayList<>();
                for (String member : chain.middlewares()) {
                    out.addAll(flatten(QualifiedName.qualify(member, el.provider()), path, errors));
                }
                return out;
            }
            try {
                Middleware built = factory.build(name, el.spec(), service -> errorService(name, el, service));
                names.put(built, name);
                return List.of(built);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
                return List.of();
            }
        } finally {
            path.remove(name);
        }
    }

    /**
     * The pool of an errors middleware's service. Missing or broken, the middleware still works (built-in
     * pages) and the router stays up; the middleware is listed with a warning.
     */
    private ServicePool errorService(String middleware, Element<MiddlewareSpec> el, String service) {
        String q = QualifiedName.qualify(service, el.provider());
        ServicePool pool = pools.get(q);
        if (pool == null) {
            String warning = (weighted.containsKey(q) ? "service " + q + " is weighted, and pages come from a loadBalancer"
                    : absent("service", q, services.containsKey(q)))
                    + ": built-in error pages are served";
            middlewareWarnings.computeIfAbsent(middleware, k -> new ArrayList<>()).add(warning);
            report("middleware", middleware, el, List.of(warning));
        }
        return pool;
    }

    /** The pages for the gateway's own errors, from the static settings; null if none are set. */
    Middleware gatewayPages(ErrorsSpec spec) {
        if (spec == null) {
            return null;
        }
        String name = spec.service();
        ServicePool pool;
        if (name.contains("@")) {
            pool = pools.get(name);
        } else {
            List<String> matches = pools.keySet().stream().filter(n -> n.startsWith(name + "@")).sorted().toList();
            pool = matches.size() == 1 ? pools.get(matches.getFirst()) : null;
            if (matches.size() > 1) {
                problems.add(new Problem("static", "modelgate.errors.service", "static configuration",
                        "service '" + name + "' exists in several providers " + matches + ": qualify it, e.g. "
                                + matches.getFirst()));
            }
        }
        if (pool == null) {
            problems.add(new Problem("static", "modelgate.errors.service", "static configuration",
                    "service '" + name + "' is not available: the gateway's own errors get built-in pages"));
        }
        return factory.errors("modelgate.errors", spec, pool);
    }

    void compileServices() {
        for (var e : services.entrySet()) {
            if (e.getValue().spec().weighted() != null) {
                continue; // compiled once every load balancer is
            }
            String name = e.getKey();
            List<String> errors = new ArrayList<>();
            List<UpstreamServer> servers = new ArrayList<>();
            for (ServerSpec server : e.getValue().spec().loadBalancer().servers()) {
                try {
                    servers.add(UpstreamServer.of(server));
                } catch (IllegalArgumentException ex) {
                    errors.add(ex.getMessage());
                }
            }
            if (errors.isEmpty()) {
                var lb = e.getValue().spec().loadBalancer();
                PassiveHealth health = new PassiveHealth(Ticker.systemTicker(), lb.passiveHealthCheck(),
                        server -> states.of(name, server));
                ServicePool pool = selectors.pool(name, servers, lb.passHostHeader(), lb.sticky(), health);
                for (UpstreamServer server : servers) {
                    liveStates.add(ServerStates.key(name, server));
                    if (lb.healthCheck() != null) {
                        checks.add(new HealthChecks.Target(name, server, lb.healthCheck(), health.state(server)));
                    }
                }
                if (lb.admission() != null) {
                    admitted.add(name);
                    pool = pool.withAdmission(admissions.forService(name, lb.admission()));
                }
                pools.put(name, pool);
            } else {
                serviceErrors.put(name, errors);
                report("service", name, e.getValue(), errors);
            }
        }
    }

    /** Weighted services, over the load balancers compiled before. */
    void compileWeighted() {
        WeightedCompiler.compile(this);
    }

    void compileRouters() {
        for (var e : routers.entrySet()) {
            String name = e.getKey();
            Element<RouterSpec> el = e.getValue();
            RouterSpec spec = el.spec();
            List<String> errors = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            List<String> targets = entrypoints.targets(spec, errors);
            Rule rule = null;
            try {
                rule = RuleParser.parse(spec.rule(), spec.ruleSyntax());
            } catch (RuleSyntaxException ex) {
                errors.add("rule: " + ex.getMessage());
            }
            tls.router(name, el.provider(), entrypoints.tlsOf(spec, targets), rule, errors, warnings);
            String service = spec.service() == null ? null : QualifiedName.qualify(spec.service(), el.provider());
            ServiceTarget pool = null;
            if (service == null) {
                errors.add("no service");
            } else {
                usedBy.computeIfAbsent(service, k -> new LinkedHashSet<>()).add(name);
                pool = pools.containsKey(service) ? pools.get(service) : weighted.get(service);
                if (pool == null) {
                    errors.add(absent("service", service, services.containsKey(service)));
                }
            }
            List<String> mwNames = new ArrayList<>();
            List<Middleware> chain = new ArrayList<>();
            for (String mw : spec.middlewares()) {
                String q = QualifiedName.qualify(mw, el.provider());
                mwNames.add(q);
                usedBy.computeIfAbsent(q, k -> new LinkedHashSet<>()).add(name);
                List<Middleware> built = builtMiddlewares.get(q);
                if (built == null) {
                    errors.add(absent("middleware", q, middlewares.containsKey(q)));
                } else {
                    chain.addAll(built);
                }
            }
            int priority = spec.effectivePriority();
            ElementStatus status;
            if (errors.isEmpty()) {
                status = warnings.isEmpty() ? ElementStatus.ENABLED : ElementStatus.warning(warnings);
                entrypoints.add(targets, new RouteIndex.Entry<>(new Route(name, pool, chain,
                        chain.stream().map(names::get).toList(),
                        metrics.route(name, pool.name(), pool.pools().stream().map(ServicePool::name).toList())),
                        rule, priority, name));
                liveRoutes.add(name);
                report("router", name, el, warnings);
            } else {
                status = ElementStatus.disabled(errors);
                report("router", name, el, errors);
            }
            routerViews.put(name, new RouterView(name, el.provider(), spec, service, mwNames, priority, el.origin(), status,
                    spec.entryPoints().isEmpty() ? targets : spec.entryPoints()));
        }
        ElementViews.build(this); // once every router named what it uses
    }

    /**
     * Why a referenced element is not there: defined but disabled, refused when its provider read it (its
     * problem says why: a type not supported, a bad option), or not defined at all.
     */
    String absent(String kind, String name, boolean defined) {
        if (defined) {
            return kind + " " + name + " is disabled";
        }
        String element = kind + " " + name;
        return problems.stream().filter(p -> p.element().equals(element)).findFirst()
                .map(p -> element + " is disabled: " + p.message())
                .orElse(element + " does not exist");
    }

    void report(String kind, String name, Element<?> el, List<String> errors) {
        for (String error : errors) {
            problems.add(new Problem(el.provider(), kind + " " + name, el.origin(), error));
        }
    }

    /** An element as collected, before compiling. */
    record Element<S>(String localName, String provider, S spec, String origin) {
    }
}
