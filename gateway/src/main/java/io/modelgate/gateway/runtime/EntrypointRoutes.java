package io.modelgate.gateway.runtime;

import io.modelgate.discovery.config.RedirectSchemeSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RouterTls;
import io.modelgate.discovery.rule.RouteIndex;
import io.modelgate.discovery.rule.RuleParser;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.middleware.MiddlewareFactory;
import io.modelgate.gateway.pipeline.Middleware;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Which entry points each router is served on, and one route index per entry point. As in Traefik: a router
 * naming no entry point is on all of them (a {@code tls} router: on all that terminate TLS); an entry point
 * with a redirection gets a catch-all router {@code <from>-to-<to>@internal} at priority
 * {@code Integer.MAX_VALUE - 1} whose only middleware is a {@code redirectScheme}; a router without {@code tls}
 * on an entry point with a default certificate resolver asks that resolver for its certificate.
 */
final class EntrypointRoutes {

    /** The priority Traefik gives its entry-point redirection routers: above every router a provider makes. */
    static final int REDIRECT_PRIORITY = Integer.MAX_VALUE - 1;

    private final Map<String, EntryPoint> entryPoints = new LinkedHashMap<>();
    private final Map<String, List<RouteIndex.Entry<Route>>> entries = new LinkedHashMap<>();

    EntrypointRoutes(List<EntryPoint> entryPoints) {
        for (EntryPoint ep : entryPoints) {
            this.entryPoints.put(ep.name(), ep);
            entries.put(ep.name(), new ArrayList<>());
        }
    }

    /** The entry points {@code spec} is served on; what makes it unservable goes to {@code errors}. */
    List<String> targets(RouterSpec spec, List<String> errors) {
        boolean tls = spec.tls() != null;
        if (spec.entryPoints().isEmpty()) {
            List<String> all = entryPoints.values().stream().filter(ep -> !tls || ep.tls()).map(EntryPoint::name).toList();
            if (all.isEmpty()) {
                errors.add(tls ? "the router has tls but no entry point terminates TLS (set "
                        + "modelgate.entrypoints.<name>.tls.enabled=true)" : "there is no entry point");
            }
            return all;
        }
        List<String> out = new ArrayList<>();
        for (String name : spec.entryPoints()) {
            // entry point names are lower-cased when read (Spring's binding does it for variables anyway), so a
            // router's `webSecure` from a Traefik stack is `websecure`
            EntryPoint ep = entryPoints.get(name.toLowerCase(java.util.Locale.ROOT));
            if (ep == null) {
                errors.add("entry point '" + name + "' does not exist (known: " + String.join(", ", entryPoints.keySet()) + ")");
            } else if (tls && !ep.tls()) {
                errors.add("entry point '" + name + "' does not terminate TLS, and the router has tls (set "
                        + "modelgate.entrypoints." + name + ".tls.enabled=true, or drop the router's tls)");
            } else {
                out.add(ep.name());
            }
        }
        return out;
    }

    /**
     * The TLS the router is compiled with: its own; else, on an entry point with a default router TLS (Traefik's
     * entry-point {@code http.tls.certResolver}), that one — the first such among {@code targets}; else none.
     */
    RouterTls tlsOf(RouterSpec spec, List<String> targets) {
        if (spec.tls() != null) {
            return spec.tls();
        }
        return targets.stream().map(entryPoints::get).map(EntryPoint::routersTls).filter(t -> t != null)
                .findFirst().orElse(null);
    }

    void add(List<String> targets, RouteIndex.Entry<Route> entry) {
        for (String t : targets) {
            entries.get(t).add(entry);
        }
    }

    /** Adds the redirection routers; returns their views for the API. */
    List<RouterView> addRedirects(MiddlewareFactory factory) {
        List<RouterView> views = new ArrayList<>();
        for (EntryPoint ep : entryPoints.values()) {
            EntryPoint.Redirect r = ep.redirect();
            if (r == null) {
                continue;
            }
            String name = ep.name() + "-to-" + r.to() + "@internal";
            String middleware = "redirect-" + name;
            RedirectSchemeSpec spec = new RedirectSchemeSpec(r.scheme(), r.port(), r.permanent());
            views.add(addInternal(ep.name(), name, "PathPrefix(`/`)", REDIRECT_PRIORITY,
                    factory.build(middleware, spec, service -> null), middleware,
                    "modelgate.entrypoints." + ep.name() + ".http.redirections.entry-point"));
        }
        return views;
    }

    /** Traefik's priority for its ACME challenge router: above everything, the entry-point redirection too. */
    static final int ACME_PRIORITY = Integer.MAX_VALUE;

    /** Adds {@code acme-http@internal} on each challenge entry point that exists; returns its views for the API. */
    List<RouterView> addAcmeChallenges(Map<String, Middleware> challenges) {
        List<RouterView> views = new ArrayList<>();
        challenges.forEach((entryPoint, answer) -> {
            if (!entries.containsKey(entryPoint)) {
                return; // checked at start-up: the resolver's entry point must exist
            }
            views.add(addInternal(entryPoint, "acme-http@internal", "PathPrefix(`/.well-known/acme-challenge/`)",
                    ACME_PRIORITY, answer, null, "modelgate.certificates-resolvers.*.acme.http-challenge.entry-point"));
        });
        return views;
    }

    /**
     * One internal router on one entry point: its only step is {@code middleware}, its service a no-op.
     *
     * @param middlewareName the middleware's name in the API view, or null to list none
     */
    private RouterView addInternal(String entryPoint, String name, String rule, int priority, Middleware middleware,
                                   String middlewareName, String origin) {
        List<String> listed = middlewareName == null ? List.of() : List.of(middlewareName);
        Route route = new Route(name, ServicePool.roundRobin("noop@internal", List.of(), true), List.of(middleware),
                List.of(middlewareName == null ? String.valueOf(middleware) : middlewareName),
                io.modelgate.gateway.metrics.RouteMeters.NONE);
        RouterSpec view = new RouterSpec(rule, priority, listed, "noop@internal", List.of(entryPoint));
        entries.get(entryPoint).add(new RouteIndex.Entry<>(route, RuleParser.parse(rule), priority, name));
        return new RouterView(name, "internal", view, "noop@internal", listed, priority, origin, ElementStatus.ENABLED,
                view.entryPoints());
    }

    Map<String, RouteIndex<Route>> indexes() {
        return entries.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> new RouteIndex<>(e.getValue())));
    }
}
