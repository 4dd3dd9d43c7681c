package io.modelgate.gateway.admin;

import io.modelgate.discovery.config.ChainSpec;
import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.gateway.runtime.MiddlewareView;
import io.modelgate.gateway.runtime.RouterView;
import io.modelgate.gateway.runtime.RuntimeConfig;
import io.modelgate.gateway.runtime.ServiceView;
import io.modelgate.gateway.lb.Admission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Shapes the runtime configuration like Traefik's API ({@code /api/rawdata}, {@code /api/http/...}). */
final class AdminViews {

    private AdminViews() {
    }

    static Map<String, Object> rawData(RuntimeConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("routers", byName(c.routers().values().stream().map(AdminViews::router).toList()));
        out.put("services", byName(c.services().values().stream().map(AdminViews::service).toList()));
        out.put("middlewares", byName(c.middlewares().values().stream().map(AdminViews::middleware).toList()));
        return out;
    }

    static List<Map<String, Object>> routers(RuntimeConfig c) {
        return sorted(c.routers().values().stream().map(AdminViews::router).toList());
    }

    static List<Map<String, Object>> services(RuntimeConfig c) {
        return sorted(c.services().values().stream().map(AdminViews::service).toList());
    }

    static List<Map<String, Object>> middlewares(RuntimeConfig c) {
        return sorted(c.middlewares().values().stream().map(AdminViews::middleware).toList());
    }

    static Map<String, Object> router(RouterView r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("provider", r.provider());
        m.put("entryPoints", r.entryPoints());
        m.put("rule", r.spec().rule());
        if (r.spec().ruleSyntax().traefikName() != null) {
            m.put("ruleSyntax", r.spec().ruleSyntax().traefikName()); // shown only when set, as Traefik does
        }
        m.put("priority", r.priority());
        m.put("middlewares", r.middlewares());
        m.put("service", r.service());
        m.put("origin", r.origin());
        m.put("status", r.status().status());
        m.put("error", r.status().errors());
        return m;
    }

    /**
     * modelgate's counts ({@code generation}, {@code routers}, {@code services}, {@code middlewares},
     * {@code problems}) and beside them Traefik's {@code http} section: each kind's total, warnings and errors
     * (disabled elements), for tools written against Traefik's API.
     */
    static Map<String, Object> overview(RuntimeConfig c, long generation) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation", generation);
        m.put("routers", c.routers().size());
        m.put("services", c.services().size());
        m.put("middlewares", c.middlewares().size());
        m.put("problems", c.problems().size());
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("routers", counts(c.routers().values().stream().map(r -> r.status().status()).toList()));
        http.put("services", counts(c.services().values().stream().map(s -> s.status().status()).toList()));
        http.put("middlewares", counts(c.middlewares().values().stream().map(x -> x.status().status()).toList()));
        m.put("http", http);
        return m;
    }

    private static Map<String, Object> counts(List<String> statuses) {
        return Map.of("total", statuses.size(), "warnings", statuses.stream().filter("warning"::equals).count(),
                "errors", statuses.stream().filter("disabled"::equals).count());
    }

    static Map<String, Object> service(ServiceView s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("provider", s.provider());
        if (s.spec().weighted() != null) {
            m.put("type", "weighted");
            m.put("weighted", Map.of("services", s.spec().weighted().services().stream().map(c -> {
                Map<String, Object> child = new LinkedHashMap<>(); // name first, as Traefik writes it
                child.put("name", c.name());
                child.put("weight", c.weight());
                return child;
            }).toList()));
            return status(s, m);
        }
        m.put("type", "loadbalancer");
        Map<String, Object> lb = new LinkedHashMap<>();
        List<Map<String, Object>> servers = new ArrayList<>();
        s.spec().loadBalancer().servers().forEach(srv -> servers.add(Map.of("url", srv.url().toString(), "weight", srv.weight())));
        lb.put("servers", s.admission() == null ? servers : admitted(servers, s.admission()));
        lb.put("passHostHeader", s.spec().loadBalancer().passHostHeader());
        var sticky = s.spec().loadBalancer().sticky();
        if (sticky != null) {
            lb.put("sticky", sticky.cookie() != null
                    ? Map.of("cookie", Map.of("name", sticky.cookie().name() == null ? "(default)" : sticky.cookie().name(),
                            "secure", sticky.cookie().secure(), "httpOnly", sticky.cookie().httpOnly(),
                            "sameSite", sticky.cookie().sameSite(), "maxAge", sticky.cookie().maxAge()))
                    : Map.of("key", sticky.key()));
        }
        var spec = s.spec().loadBalancer();
        if (spec.healthCheck() != null) {
            lb.put("healthCheck", spec.healthCheck());
        }
        if (spec.passiveHealthCheck() != null) {
            lb.put("passiveHealthCheck", Map.of("failureWindow", spec.passiveHealthCheck().failureWindow().toString(),
                    "maxFailedAttempts", spec.passiveHealthCheck().maxFailedAttempts(),
                    "status", spec.passiveHealthCheck().status().items(),
                    "maxEjection", spec.passiveHealthCheck().maxEjection().toString()));
        }
        if (s.admission() != null) {
            lb.put("admission", admission(s.admission()));
        }
        m.put("loadBalancer", lb);
        // Traefik's shape (url -> UP/DOWN) for tools that read it, and modelgate's detail beside it
        Map<String, Object> traefik = new LinkedHashMap<>();
        Map<String, Object> detail = new LinkedHashMap<>();
        for (var st : s.serverStatus()) {
            traefik.put(st.url(), st.traefikStatus());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("state", st.state());
            if (st.ejectedUntil() != null) {
                d.put("ejectedUntil", st.ejectedUntil().toString());
            }
            d.put("inFlight", st.inFlight());
            if (!st.lastCheck().isEmpty()) {
                d.put("lastCheck", st.lastCheck());
            }
            detail.put(st.url(), d);
        }
        m.put("serverStatus", traefik);
        m.put("serverStates", detail);
        return status(s, m);
    }

    private static Map<String, Object> status(ServiceView s, Map<String, Object> m) {
        m.put("usedBy", s.usedBy());
        m.put("origin", s.origin());
        m.put("status", s.status().status());
        m.put("error", s.status().errors());
        return m;
    }

    /** Each server with its in-flight and queued requests, and the caps with the queue as a whole. */
    private static List<Map<String, Object>> admitted(List<Map<String, Object>> servers, Admission a) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> srv : servers) {
            Map<String, Object> m = new LinkedHashMap<>(srv);
            String url = (String) srv.get("url");
            m.put("inFlight", a.inFlight(url));
            m.put("queued", a.queuedFor(url));
            out.add(m);
        }
        return out;
    }

    /** The admission settings and the queue's state, or null if the service has none. */
    private static Map<String, Object> admission(Admission a) {
        Admission.Counts n = a.counts();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maxInFlight", a.spec().maxInFlight());
        m.put("queueSize", a.spec().queueSize());
        m.put("queueTimeout", a.spec().queueTimeout().toString());
        m.put("queued", a.queued());
        m.put("queuedTotal", n.queued());
        m.put("timedOut", n.timedOut());
        m.put("refusedFull", n.refusedFull());
        return m;
    }

    static Map<String, Object> middleware(MiddlewareView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("provider", v.provider());
        m.put("type", v.spec().type().toLowerCase(java.util.Locale.ROOT));
        m.put(v.spec().type(), options(v.spec()));
        m.put("usedBy", v.usedBy());
        m.put("origin", v.origin());
        m.put("status", v.status().status());
        m.put("error", v.status().errors());
        return m;
    }

    private static Object options(MiddlewareSpec spec) {
        return switch (spec) {
            case StripPrefixSpec s -> Map.of("prefixes", s.prefixes());
            case HeadersSpec h -> Map.of("customRequestHeaders", new TreeMap<>(h.customRequestHeaders()),
                    "customResponseHeaders", new TreeMap<>(h.customResponseHeaders()));
            case ChainSpec c -> Map.of("middlewares", c.middlewares());
            case io.modelgate.discovery.config.BasicAuthSpec a -> Map.of("users", a.users().size(), "realm", a.realm(),
                    "removeHeader", a.removeHeader());
            case io.modelgate.discovery.config.ForwardAuthSpec f -> Map.of("address", f.address().toString(),
                    "trustForwardHeader", f.trustForwardHeader(), "authResponseHeaders", f.authResponseHeaders());
            case io.modelgate.discovery.config.BufferingSpec b -> Map.of("maxRequestBodyBytes", b.maxRequestBodyBytes(),
                    "maxResponseBodyBytes", b.maxResponseBodyBytes());
            case io.modelgate.discovery.config.ErrorsSpec e -> Map.of("status", e.status().items(),
                    "service", e.service(), "query", e.query());
            case io.modelgate.discovery.config.RateLimitSpec r -> Map.of("average", r.limit().average(),
                    "period", r.limit().period().toString(), "burst", r.limit().burst(),
                    "sourceCriterion", r.sourceCriterion().toString(), "plans", new TreeMap<>(r.plans()).keySet());
            case io.modelgate.discovery.config.InFlightReqSpec f -> Map.of("amount", f.amount(),
                    "sourceCriterion", f.sourceCriterion().toString());
            case io.modelgate.discovery.config.RedirectSchemeSpec r -> Map.of("scheme", r.scheme(),
                    "port", r.port() == null ? "" : r.port(), "permanent", r.permanent());
            case io.modelgate.discovery.config.CircuitBreakerSpec c -> Map.of("expression", c.expression(),
                    "checkPeriod", c.checkPeriod().toString(), "fallbackDuration", c.fallbackDuration().toString(),
                    "recoveryDuration", c.recoveryDuration().toString(), "responseCode", c.responseCode());
            case io.modelgate.discovery.config.RetrySpec r -> Map.of("attempts", r.attempts(),
                    "initialInterval", r.initialInterval().toString(), "methods", new java.util.TreeSet<>(r.methods()));
        };
    }

    private static Map<String, Object> byName(List<Map<String, Object>> views) {
        Map<String, Object> out = new TreeMap<>();
        views.forEach(v -> out.put((String) v.get("name"), v));
        return out;
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> views) {
        return views.stream().sorted(Comparator.comparing(v -> (String) v.get("name"))).toList();
    }
}
