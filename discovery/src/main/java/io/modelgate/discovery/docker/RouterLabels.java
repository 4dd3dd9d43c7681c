package io.modelgate.discovery.docker;

import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.rule.RuleSyntax;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One router of a workload from its {@code …http.routers.<name>.…} labels, with Traefik's defaults for labels
 * (the default rule rendered for the workload, the workload's only service), into the workload's merge. An
 * unknown or bad key drops the router and says which label: a router must never run without what its operator
 * wrote (a typo'd {@code middlewares} would leave it live without its authentication).
 */
final class RouterLabels {

    private RouterLabels() {
    }

    static void decode(LabelDecoder.One wl, String name, Map<String, LabelView.Entry> options, Set<String> services) {
        String element = "router " + name + "@docker";
        String rule = null;
        Integer priority = null;
        List<String> mws = List.of();
        List<String> entryPoints = List.of();
        String service = null;
        RuleSyntax ruleSyntax = RuleSyntax.AUTO;
        RouterTlsLabels routerTls = new RouterTlsLabels();
        for (var o : options.entrySet()) {
            String key = o.getKey();
            String value = o.getValue().value().trim();
            String at = o.getValue().originalKey();
            if (key.equals("tls") || key.startsWith("tls.")) {
                boolean known;
                try {
                    known = routerTls.add(key, value);
                } catch (IllegalArgumentException e) {
                    wl.problems.add(wl.elementProblem(element, at, e.getMessage() + ": the router is dropped"));
                    return;
                }
                if (!known) {
                    wl.problems.add(wl.elementProblem(element, at, "unknown key '" + key + "' (known: "
                            + String.join(", ", new java.util.TreeSet<>(LabelKeys.ROUTER)) + "): the router is dropped"));
                    return;
                }
                continue;
            }
            if (!LabelKeys.ROUTER.contains(key)) {
                wl.problems.add(wl.elementProblem(element, at, "unknown key '" + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(LabelKeys.ROUTER)) + "): the router is dropped"));
                return;
            }
            switch (key) {
                case "rule" -> rule = value;
                case "rulesyntax" -> {
                    try {
                        ruleSyntax = RuleSyntax.of(value);
                    } catch (IllegalArgumentException e) {
                        wl.problems.add(wl.elementProblem(element, at, e.getMessage() + ": the router is dropped"));
                        return;
                    }
                }
                case "priority" -> {
                    try {
                        priority = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        wl.problems.add(wl.elementProblem(element, at, "priority '" + value + "' is not an integer"));
                        return;
                    }
                }
                case "middlewares" -> mws = LabelDecoder.list(value);
                case "entrypoints" -> entryPoints = LabelDecoder.list(value);
                case "service" -> service = value;
                default -> throw new IllegalStateException(key);
            }
        }
        if (rule == null || rule.isBlank()) {
            // Traefik's .Name is the normalized service name (compose service_project), not the container's
            try {
                rule = wl.defaultRule().render(LabelDecoder.normalize(wl.implicitName()), wl.w.labels());
            } catch (IllegalArgumentException e) {
                wl.problems.add(wl.elementProblem(element, null, e.getMessage()));
                return;
            }
        }
        if (service == null) {
            if (services.size() != 1) {
                wl.problems.add(wl.elementProblem(element, null, services.isEmpty()
                        ? "no service: the workload defines none and the router names none"
                        : "could not choose a service among " + new java.util.TreeSet<>(services)
                        + ": set the router's service"));
                return;
            }
            service = services.iterator().next();
        }
        io.modelgate.discovery.config.RouterTls tls;
        try {
            tls = routerTls.build();
        } catch (IllegalArgumentException e) {
            wl.problems.add(wl.elementProblem(element, null, e.getMessage() + ": the router is dropped"));
            return;
        }
        wl.merge.router(name, new RouterSpec(rule, priority, mws, service, entryPoints, tls, ruleSyntax), wl.where);
    }
}
