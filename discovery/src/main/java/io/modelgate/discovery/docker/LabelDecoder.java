package io.modelgate.discovery.docker;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.discovery.decode.ConfigException;
import io.modelgate.discovery.decode.ElementMerge;
import io.modelgate.discovery.decode.MiddlewareDecoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>Size: a little over 300 lines. One workload's decoding ({@link One}) walks its labels in Traefik's order
 * (enable, keys, network, middlewares, services, routers, model) and each step reads the previous ones' results;
 * routers and services already live in {@code RouterLabels} and {@code ServiceLabels}. The next split would be
 * the network choice and the model convention, each into its own class.
 */
public final class LabelDecoder {

    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String MODEL_PREFIX = "/api/v1/";

    private final LabelSettings settings;
    private final Constraints constraints;
    private final RuleTemplate defaultRule;

    /**
     * @param settings decoding settings
     * @throws IllegalArgumentException if the constraints or the default rule template are invalid
     */
    public LabelDecoder(LabelSettings settings) {
        this.settings = settings;
        this.constraints = Constraints.parse(settings.constraints());
        this.defaultRule = RuleTemplate.parse(settings.defaultRule());
    }

    public ProviderSnapshot decode(List<Workload> workloads) {
        ElementMerge merge = new ElementMerge(DockerSource.NAME, ElementMerge.Policy.REPLICAS);
        List<Problem> problems = new ArrayList<>();
        workloads.stream().sorted(Comparator.comparing(Workload::name)).forEach(w -> new One(w, merge, problems).decode());
        return new ProviderSnapshot(DockerSource.NAME, merge.build(io.modelgate.discovery.config.TlsConfig.EMPTY, problems), problems);
    }

    /** Traefik's normalization of names: runs of characters other than letters and digits become one '-'. */
    static String normalize(String name) {
        return String.join("-", name.split("[^\\p{L}\\p{N}]+")).replaceAll("^-|-$", "");
    }

    // ---------------------------------------------------------------- one workload

    /** Decoding of one workload into the merge. */
    final class One {
        final Workload w;
        final ElementMerge merge;
        final List<Problem> decoded;
        final String where;
        final LabelView labels;
        final List<Problem> problems = new ArrayList<>();

        One(Workload w, ElementMerge merge, List<Problem> decoded) {
            this.w = w;
            this.merge = merge;
            this.decoded = decoded;
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
                decoded.addAll(problems);
                return;
            }
            if (!checkTopLevelKeys()) {
                decoded.addAll(problems);
                return;
            }
            String network = network();
            if (network == null && !problems.isEmpty()) {
                decoded.addAll(problems);
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
            decoded.addAll(problems);
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

        /** By the file provider's decoder, from the tree the labels make. */
        void middleware(String name, Map<String, LabelView.Entry> options) {
            try {
                merge.middleware(name, MiddlewareDecoder.decode(LabelTree.of(options, where)), where);
            } catch (IllegalArgumentException e) {
                problems.add(problemOf("middleware " + name + "@docker", e, null));
            }
        }

        ServiceSpec service(String name, Map<String, LabelView.Entry> options, String network) {
            return service(name, options, network,
                    settings.prefixes().getFirst() + ".http.services." + name + ".loadbalancer.server.port");
        }

        /** @param portLabel the label an operator should set when the port cannot be detected */
        ServiceSpec service(String name, Map<String, LabelView.Entry> options, String network, String portLabel) {
            return ServiceLabels.decode(this, name, options, network, portLabel);
        }

        void router(String name, Map<String, LabelView.Entry> options, Set<String> services) {
            RouterLabels.decode(this, name, options, services);
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

        LabelSettings settings() {
            return settings;
        }

        RuleTemplate defaultRule() {
            return defaultRule;
        }

        void problem(String labelKey, String message) {
            problems.add(new Problem(DockerSource.NAME, where, labelKey == null ? where : where + ", label " + labelKey, message));
        }

        Problem elementProblem(String element, String labelKey, String message) {
            return new Problem(DockerSource.NAME, element, labelKey == null ? where : where + ", label " + labelKey, message);
        }

        /** @param consequence what happens to the element, or null when the message says it */
        Problem problemOf(String element, IllegalArgumentException e, String consequence) {
            String origin = e instanceof ConfigException c && c.origin() != null ? c.origin() : where;
            return new Problem(DockerSource.NAME, element, origin,
                    consequence == null ? e.getMessage() : e.getMessage() + ": " + consequence);
        }
    }
}
