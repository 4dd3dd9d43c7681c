package io.modelgate.discovery.docker;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.AdmissionSpec;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.StickySpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.discovery.decode.AdmissionDecoder;
import io.modelgate.discovery.decode.StickyDecoder;
import io.modelgate.discovery.rule.RuleSyntax;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Docker and Swarm labels → one {@code @docker} snapshot, with Traefik v2's label schema and behaviour:
 * enable/exposed-by-default, constraints, network and port detection, health, implicit router and
 * service names, merging of replicas, and conflicts dropped and reported. Plus our model convention:
 * {@code modelgate.model=<name>} → router {@code model-<name>} on {@code PathPrefix(`/api/v1/<name>`)}.
 *
 * <p>Fails soft: a bad element is left out and reported with the workload and label key; an unknown
 * key inside a router, service or middleware drops that element (a typo'd {@code middlewares} must not
 * leave a router live without its authentication); an unknown key elsewhere skips the workload.
 */
public final class LabelDecoder {

    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String MODEL_PREFIX = "/api/v1/";

    private final LabelSettings settings;
    private final Constraints constraints;
    private final RuleTemplate defaultRule;
    private final MiddlewareLabelDecoder middlewares;

    /**
     * @param settings    decoding settings
     * @param middlewares decodes one middleware's options (the same decoder the file provider uses)
     * @throws IllegalArgumentException if the constraints or the default rule template are invalid
     */
    public LabelDecoder(LabelSettings settings, MiddlewareLabelDecoder middlewares) {
        this.settings = settings;
        this.constraints = Constraints.parse(settings.constraints());
        this.defaultRule = RuleTemplate.parse(settings.defaultRule());
        this.middlewares = middlewares;
    }

    /** Decodes one middleware from its options (keys after the middleware name, lower-case). */
    @FunctionalInterface
    public interface MiddlewareLabelDecoder {

        /** @throws IllegalArgumentException with an operator-readable message if the options are invalid */
        MiddlewareSpec decode(Map<String, String> options);
    }

    public ProviderSnapshot decode(List<Workload> workloads) {
        Merge merge = new Merge();
        workloads.stream().sorted(Comparator.comparing(Workload::name)).forEach(w -> new One(w, merge).decode());
        return merge.build();
    }

    /** Traefik's normalization of names: runs of characters other than letters and digits become one '-'. */
    static String normalize(String name) {
        return String.join("-", name.split("[^\\p{L}\\p{N}]+")).replaceAll("^-|-$", "");
    }

    // ---------------------------------------------------------------- one workload

    /** Decoding of one workload into the merge. */
    private final class One {
        final Workload w;
        final Merge merge;
        final String where;
        final LabelView labels;
        final List<Problem> problems = new ArrayList<>();

        One(Workload w, Merge merge) {
            this.w = w;
            this.merge = merge;
            this.where = (w.swarmService() ? "service " : "container ") + w.name();
            this.labels = LabelView.of(w.labels(), settings.prefixes());
        }

        void decode() {
            if (!constraints.test(w.labels())) {
                return; // constraints filter on purpose: not a problem
            }
            Boolean enable = bool("enable");
            String model = modelName();
            boolean hasConfig = labels.entries().keySet().stream().anyMatch(k -> k.startsWith("http."));
            boolean enabled = enable != null ? enable : settings.exposedByDefault() || hasConfig || model != null;
            if (!problems.isEmpty() || !enabled) {
                merge.problems.addAll(problems);
                return;
            }
            if (!checkTopLevelKeys()) {
                merge.problems.addAll(problems);
                return;
            }
            String network = network();
            if (network == null && !problems.isEmpty()) {
                merge.problems.addAll(problems);
                return;
            }
            Map<String, Map<String, LabelView.Entry>> routerLabels = labels.elements("routers");
            Map<String, Map<String, LabelView.Entry>> serviceLabels = labels.elements("services");
            Map<String, Map<String, LabelView.Entry>> middlewareLabels = labels.elements("middlewares");
            String implicitName = normalize(implicitName());
            // labels of the model's own service (its port on a multi-port container or a Swarm service)
            // configure the model convention, not a service of their own
            Map<String, LabelView.Entry> modelOptions = model != null ? serviceLabels.remove("model-" + model) : null;

            for (var m : middlewareLabels.entrySet()) {
                middleware(m.getKey(), m.getValue());
            }
            // Traefik's implicit elements, named after the workload; a container with only the model
            // label gets just the model route
            boolean modelOnly = model != null && routerLabels.isEmpty() && serviceLabels.isEmpty();
            Map<String, ServiceSpec> services = new LinkedHashMap<>();
            if (!serviceLabels.isEmpty()) {
                for (var s : serviceLabels.entrySet()) {
                    ServiceSpec spec = service(s.getKey(), s.getValue(), network);
                    if (spec != null) {
                        services.put(s.getKey(), spec);
                    }
                }
            } else if (!modelOnly) {
                ServiceSpec spec = service(implicitName, Map.of(), network);
                if (spec != null) {
                    services.put(implicitName, spec);
                }
            }
            Set<String> serviceNames = !serviceLabels.isEmpty() ? serviceLabels.keySet() : services.keySet();
            if (routerLabels.isEmpty() && !modelOnly && !serviceNames.isEmpty()) {
                router(implicitName, Map.of(), serviceNames);
            }
            for (var r : routerLabels.entrySet()) {
                router(r.getKey(), r.getValue(), serviceNames);
            }
            services.forEach((name, spec) -> merge.service(name, spec, where));
            if (model != null) {
                modelRoute(model, network, modelOptions != null ? modelOptions : Map.of());
            }
            merge.problems.addAll(problems);
        }

        /** Every key must belong to the schema; a stray top-level key skips the workload (never guess). */
        boolean checkTopLevelKeys() {
            boolean ok = true;
            for (var e : labels.entries().entrySet()) {
                String k = e.getKey();
                boolean known = LabelKeys.WORKLOAD.contains(k)
                        || (LabelKeys.MODEL.contains(k) && e.getValue().prefix().equalsIgnoreCase("modelgate"))
                        || (k.startsWith("http.routers.") || k.startsWith("http.services.") || k.startsWith("http.middlewares."))
                        && k.split("\\.").length > 3;
                if (!known) {
                    String why = k.startsWith("tcp.") || k.startsWith("udp.") || k.startsWith("tls.")
                            ? "TCP, UDP and TLS configuration is not supported" : "unknown key";
                    problem(e.getValue().originalKey(), why + ": the " + (w.swarmService() ? "service" : "container")
                            + " is skipped");
                    ok = false;
                }
            }
            return ok;
        }

        String modelName() {
            LabelView.Entry e = labels.get("model");
            if (e == null || !e.prefix().equalsIgnoreCase("modelgate")) {
                return null;
            }
            if (!MODEL_NAME.matcher(e.value()).matches()) {
                problem(e.originalKey(), "model name '" + e.value() + "' must be 1-128 of [A-Za-z0-9._-], starting alphanumeric");
                return null;
            }
            return e.value();
        }

        Boolean bool(String key) {
            return bool(labels.get(key));
        }

        Boolean bool(LabelView.Entry e) {
            if (e == null) {
                return null;
            }
            String v = e.value().trim().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.valueOf(v);
            }
            problem(e.originalKey(), "'" + e.value() + "' is not a boolean (true or false)");
            return null;
        }

        /**
         * Traefik v2's {@code docker.<option>} or v3's {@code swarm.<option>} (the v3 Swarm provider's own
         * name); either works on both providers, and when both are set they must agree.
         */
        LabelView.Entry providerLabel(String option) {
            LabelView.Entry docker = labels.get("docker." + option);
            LabelView.Entry swarm = labels.get("swarm." + option);
            if (docker != null && swarm != null && !docker.value().trim().equals(swarm.value().trim())) {
                problem(swarm.originalKey(), "'" + swarm.value() + "' disagrees with " + docker.originalKey()
                        + "='" + docker.value() + "': set one of them");
            }
            return docker != null ? docker : swarm;
        }

        /** The network to reach instances on; null with a problem if it cannot be chosen. */
        String network() {
            LabelView.Entry label = providerLabel("network");
            if (!problems.isEmpty()) {
                return null;
            }
            String chosen = label != null ? label.value() : settings.network();
            Set<String> available = new LinkedHashSet<>();
            for (Workload.Instance i : w.instances()) {
                available.addAll(i.networkIps().keySet());
            }
            if (chosen != null && !chosen.isBlank()) {
                if (!available.isEmpty() && !available.contains(chosen) && !w.virtualIps().containsKey(chosen)) {
                    problem(label != null ? label.originalKey() : null, "not attached to network '" + chosen
                            + "' (attached: " + String.join(", ", available) + ")");
                    return null;
                }
                return chosen;
            }
            if (available.size() == 1) {
                return available.iterator().next();
            }
            if (available.isEmpty()) {
                return ""; // no running instance: the service gets no servers (503), not a problem
            }
            problem(null, "attached to several networks (" + String.join(", ", new java.util.TreeSet<>(available))
                    + ") and none chosen: set " + settings.prefixes().getFirst() + ".docker.network");
            return null;
        }

        String implicitName() {
            String service = w.labels().get("com.docker.compose.service");
            String project = w.labels().get("com.docker.compose.project");
            if (!w.swarmService() && service != null && project != null) {
                return service + "_" + project;
            }
            return w.name();
        }

        void middleware(String name, Map<String, LabelView.Entry> options) {
            Map<String, String> values = new TreeMap<>();
            options.forEach((k, v) -> values.put(k, v.value()));
            String origin = where;
            try {
                merge.middleware(name, middlewares.decode(values), where);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(DockerSource.NAME, "middleware " + name + "@docker", origin, e.getMessage()));
            }
        }

        ServiceSpec service(String name, Map<String, LabelView.Entry> options, String network) {
            return service(name, options, network,
                    settings.prefixes().getFirst() + ".http.services." + name + ".loadbalancer.server.port");
        }

        /** @param portLabel the label an operator should set when the port cannot be detected */
        ServiceSpec service(String name, Map<String, LabelView.Entry> options, String network, String portLabel) {
            String element = "service " + name + "@docker";
            Integer port = null;
            String scheme = "http";
            boolean passHost = true;
            boolean lbSwarm = Boolean.TRUE.equals(bool(providerLabel("lbswarm")));
            boolean ok = true;
            Map<String, String> sticky = new TreeMap<>();
            String stickyAt = null;
            Map<String, String> admission = new TreeMap<>();
            String admissionAt = null;
            Map<String, String> active = new TreeMap<>();
            Map<String, String> passive = new TreeMap<>();
            String healthAt = null;
            for (var o : options.entrySet()) {
                String key = o.getKey();
                String value = o.getValue().value().trim();
                String at = o.getValue().originalKey();
                if (key.startsWith("loadbalancer.healthcheck.") || key.startsWith("loadbalancer.passivehealthcheck.")) {
                    boolean isActive = key.startsWith("loadbalancer.healthcheck.");
                    (isActive ? active : passive).put(key.substring(key.indexOf("healthcheck.") + "healthcheck.".length()), value);
                    healthAt = at;
                    continue;
                }
                if (key.startsWith("loadbalancer.") && AdmissionDecoder.owns(key.substring("loadbalancer.".length()))) {
                    admission.put(key.substring("loadbalancer.".length()), value);
                    admissionAt = at;
                    continue;
                }
                if (key.equals("loadbalancer.sticky") || key.startsWith("loadbalancer.sticky.")) {
                    sticky.put(key.length() == "loadbalancer.sticky".length() ? "" : key.substring("loadbalancer.sticky.".length()), value);
                    stickyAt = at;
                    continue;
                }
                switch (key) {
                    case "loadbalancer.server.port" -> {
                        try {
                            port = Integer.parseInt(value);
                            if (port < 1 || port > 65535) {
                                throw new NumberFormatException();
                            }
                        } catch (NumberFormatException e) {
                            problems.add(elementProblem(element, at, "port '" + value + "' is not a TCP port (1-65535)"));
                            ok = false;
                        }
                    }
                    case "loadbalancer.server.scheme" -> {
                        scheme = value.toLowerCase(java.util.Locale.ROOT);
                        if (!scheme.equals("http") && !scheme.equals("https")) {
                            problems.add(elementProblem(element, at, "scheme '" + value + "' must be http or https"));
                            ok = false;
                        }
                    }
                    case "loadbalancer.passhostheader" -> {
                        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                            passHost = Boolean.parseBoolean(value);
                        } else {
                            problems.add(elementProblem(element, at, "'" + value + "' is not a boolean (true or false)"));
                            ok = false;
                        }
                    }
                    default -> {
                        boolean later = LabelKeys.SERVICE_LATER.stream().anyMatch(key::startsWith);
                        problems.add(elementProblem(element, at, later ? "option not supported yet: " + key
                                : "unknown key '" + key + "'"));
                        ok = ok && later; // unsupported-yet options leave the service live, unknown keys do not
                    }
                }
            }
            StickySpec stickySpec = null;
            if (!sticky.isEmpty()) {
                try {
                    sticky.remove(""); // `sticky=true` alone says nothing about the kind
                    stickySpec = StickyDecoder.fromFlat(sticky);
                } catch (IllegalArgumentException e) {
                    problems.add(elementProblem(element, stickyAt, e.getMessage()));
                    ok = false;
                }
            }
            AdmissionSpec admissionSpec = null;
            try {
                admissionSpec = AdmissionDecoder.fromFlat(admission);
            } catch (IllegalArgumentException e) {
                problems.add(elementProblem(element, admissionAt, e.getMessage()));
                ok = false;
            }
            io.modelgate.discovery.config.HealthCheckSpec activeSpec = null;
            io.modelgate.discovery.config.PassiveHealthSpec passiveSpec = null;
            try {
                activeSpec = io.modelgate.discovery.decode.HealthCheckDecoder.active(active);
                passiveSpec = io.modelgate.discovery.decode.HealthCheckDecoder.passive(passive);
            } catch (IllegalArgumentException e) {
                problems.add(elementProblem(element, healthAt, e.getMessage()));
                ok = false;
            }
            if (!ok) {
                return null;
            }
            if (port == null) {
                if (w.swarmService()) {
                    problems.add(elementProblem(element, null, "port is missing: set " + portLabel));
                    return null;
                }
                if (w.exposedPorts().size() == 1) {
                    port = w.exposedPorts().iterator().next();
                } else if (!w.instances().isEmpty()) {
                    problems.add(elementProblem(element, null, "port is missing: the container exposes "
                            + (w.exposedPorts().isEmpty() ? "no port" : "ports " + new java.util.TreeSet<>(w.exposedPorts()))
                            + "; set " + portLabel));
                    return null;
                }
            }
            List<ServerSpec> servers = new ArrayList<>();
            if (lbSwarm && w.swarmService()) {
                String vip = w.virtualIps().get(network);
                if (vip != null) {
                    servers.add(new ServerSpec(URI.create(scheme + "://" + vip + ":" + port), 1));
                }
            } else {
                for (Workload.Instance i : w.instances()) {
                    String ip = i.networkIps().get(network);
                    if (ip != null && i.health().servable()) {
                        servers.add(new ServerSpec(URI.create(scheme + "://" + ip + ":" + port), 1, i.draining()));
                    }
                }
            }
            return new ServiceSpec(new LoadBalancerSpec(servers, passHost, stickySpec, admissionSpec, activeSpec, passiveSpec));
        }

        void router(String name, Map<String, LabelView.Entry> options, Set<String> services) {
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
                        problems.add(elementProblem(element, at, e.getMessage() + ": the router is dropped"));
                        return;
                    }
                    if (!known) {
                        problems.add(elementProblem(element, at, "unknown key '" + key + "' (known: "
                                + String.join(", ", new java.util.TreeSet<>(LabelKeys.ROUTER)) + "): the router is dropped"));
                        return;
                    }
                    continue;
                }
                if (!LabelKeys.ROUTER.contains(key)) {
                    problems.add(elementProblem(element, at, "unknown key '" + key + "' (known: "
                            + String.join(", ", new java.util.TreeSet<>(LabelKeys.ROUTER)) + "): the router is dropped"));
                    return;
                }
                switch (key) {
                    case "rule" -> rule = value;
                    case "rulesyntax" -> {
                        try {
                            ruleSyntax = RuleSyntax.of(value);
                        } catch (IllegalArgumentException e) {
                            problems.add(elementProblem(element, at, e.getMessage() + ": the router is dropped"));
                            return;
                        }
                    }
                    case "priority" -> {
                        try {
                            priority = Integer.parseInt(value);
                        } catch (NumberFormatException e) {
                            problems.add(elementProblem(element, at, "priority '" + value + "' is not an integer"));
                            return;
                        }
                    }
                    case "middlewares" -> mws = list(value);
                    case "entrypoints" -> entryPoints = list(value);
                    case "service" -> service = value;
                    default -> throw new IllegalStateException(key);
                }
            }
            if (rule == null || rule.isBlank()) {
                // Traefik's .Name is the normalized service name (compose service_project), not the container's
                try {
                    rule = defaultRule.render(normalize(implicitName()), w.labels());
                } catch (IllegalArgumentException e) {
                    problems.add(elementProblem(element, null, e.getMessage()));
                    return;
                }
            }
            if (service == null) {
                if (services.size() != 1) {
                    problems.add(elementProblem(element, null, services.isEmpty()
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
                problems.add(elementProblem(element, null, e.getMessage() + ": the router is dropped"));
                return;
            }
            merge.router(name, new RouterSpec(rule, priority, mws, service, entryPoints, tls, ruleSyntax), where);
        }

        void modelRoute(String model, String network, Map<String, LabelView.Entry> options) {
            String name = "model-" + model;
            // the model's own service labels (…services.model-<name>.…) and the modelgate.model.port shorthand
            Map<String, LabelView.Entry> opts = new java.util.TreeMap<>(options);
            LabelView.Entry port = labels.get("model.port");
            if (port != null) {
                opts.putIfAbsent("loadbalancer.server.port", port);
            }
            ServiceSpec spec = service(name, opts, network, "modelgate.model.port");
            if (spec == null) {
                return;
            }
            merge.service(name, spec, where);
            List<String> mws = new ArrayList<>(settings.modelMiddlewares());
            if (settings.modelStripPrefix()) {
                String strip = name + "-strip";
                merge.middleware(strip, new StripPrefixSpec(List.of(MODEL_PREFIX + model)), where);
                mws.add(0, strip);
            }
            merge.router(name, new RouterSpec("PathPrefix(`" + MODEL_PREFIX + model + "`)", null, mws, name, List.of()), where);
        }

        void problem(String labelKey, String message) {
            problems.add(new Problem(DockerSource.NAME, where, labelKey == null ? where : where + ", label " + labelKey, message));
        }

        Problem elementProblem(String element, String labelKey, String message) {
            return new Problem(DockerSource.NAME, element, labelKey == null ? where : where + ", label " + labelKey, message);
        }
    }

    private static List<String> list(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    // ---------------------------------------------------------------- merging across workloads

    /**
     * Elements by name across workloads: services merge their servers (replicas); routers and middlewares
     * merge when identical and are dropped and reported when they conflict.
     */
    private static final class Merge {
        final Map<String, Defined<RouterSpec>> routers = new TreeMap<>();
        final Map<String, Defined<ServiceSpec>> services = new TreeMap<>();
        final Map<String, Defined<MiddlewareSpec>> middlewares = new TreeMap<>();
        final List<Problem> problems = new ArrayList<>();

        void router(String name, RouterSpec spec, String where) {
            define(routers, name, spec, where);
        }

        void middleware(String name, MiddlewareSpec spec, String where) {
            define(middlewares, name, spec, where);
        }

        /** Replicas: the same service from several workloads is one service over all their servers. */
        void service(String name, ServiceSpec spec, String where) {
            Defined<ServiceSpec> d = services.get(name);
            if (d == null) {
                services.put(name, new Defined<>(spec, where));
                return;
            }
            d.from.add(where);
            LoadBalancerSpec a = d.spec.loadBalancer();
            LoadBalancerSpec b = spec.loadBalancer();
            if (a.passHostHeader() != b.passHostHeader() || !java.util.Objects.equals(a.sticky(), b.sticky())
                    || !java.util.Objects.equals(a.admission(), b.admission())
                    || !java.util.Objects.equals(a.healthCheck(), b.healthCheck())
                    || !java.util.Objects.equals(a.passiveHealthCheck(), b.passiveHealthCheck())) {
                d.conflict = true;
                return;
            }
            List<ServerSpec> servers = new ArrayList<>(a.servers());
            b.servers().stream().filter(s -> !servers.contains(s)).forEach(servers::add);
            d.spec = new ServiceSpec(a.withServers(servers));
        }

        private static <S> void define(Map<String, Defined<S>> map, String name, S spec, String where) {
            Defined<S> d = map.get(name);
            if (d == null) {
                map.put(name, new Defined<>(spec, where));
                return;
            }
            d.from.add(where);
            if (!d.spec.equals(spec)) {
                d.conflict = true;
            }
        }

        ProviderSnapshot build() {
            Map<String, RouterSpec> r = new LinkedHashMap<>();
            Map<String, ServiceSpec> s = new LinkedHashMap<>();
            Map<String, MiddlewareSpec> m = new LinkedHashMap<>();
            Map<String, String> origins = new LinkedHashMap<>();
            collect("router", routers, r, origins);
            collect("service", services, s, origins);
            collect("middleware", middlewares, m, origins);
            return new ProviderSnapshot(DockerSource.NAME, new RoutingConfig(r, s, m, origins), problems);
        }

        private <S> void collect(String kind, Map<String, Defined<S>> in, Map<String, S> out, Map<String, String> origins) {
            in.forEach((name, d) -> {
                String from = String.join(", ", d.from);
                if (d.conflict) {
                    problems.add(new Problem(DockerSource.NAME, kind + " " + name + "@docker", from,
                            "conflicting definitions in " + from + ": the " + kind + " is dropped"));
                } else {
                    out.put(name, d.spec);
                    origins.put(RoutingConfig.originKey(kind, name), from);
                }
            });
        }
    }

    /** An element and the workloads that define it; {@code conflict} once two definitions disagree. */
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
