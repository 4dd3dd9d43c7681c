package io.modelgate.discovery.docker;

import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.discovery.docker.Workload.Health;
import io.modelgate.discovery.docker.Workload.Instance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tiny builders for label-decoding tests, in the spirit of Traefik's provider tests:
 * {@code workload(name("m1"), label("traefik.http.routers.m1.rule", "PathPrefix(`/m1`)"), network("ml", "10.0.0.5"), port(8000))}.
 */
final class LabelFixtures {

    private LabelFixtures() {
    }

    /** One piece of a workload. */
    interface Part extends Consumer<Draft> {
    }

    /** One piece of the settings. */
    interface Setting extends Consumer<SettingsDraft> {
    }

    static final class Draft {
        String name = "web";
        final Map<String, String> labels = new LinkedHashMap<>();
        final Map<String, String> networks = new LinkedHashMap<>();
        Health health = Health.NONE;
        final List<Instance> tasks = new ArrayList<>();
        final Set<Integer> ports = new LinkedHashSet<>();
        final Map<String, String> vips = new LinkedHashMap<>();
    }

    static final class SettingsDraft {
        List<String> prefixes = List.of("modelgate", "traefik");
        boolean exposedByDefault;
        String network;
        String defaultRule = LabelSettings.DEFAULT_RULE;
        String constraints = "";
        List<String> modelMiddlewares = List.of();
        boolean modelStripPrefix;
    }

    // ---------------------------------------------------------------- workloads

    /** A running container: one instance with the given networks and health. */
    static Workload workload(Part... parts) {
        Draft d = draft(parts);
        Instance self = new Instance(d.name + "-id", d.networks, d.health);
        return new Workload(d.name, d.name + "-id", false, d.labels, List.of(self), d.ports, Map.of());
    }

    /** A Swarm service: its labels are the deploy labels, its instances the running {@link #task} s. */
    static Workload swarmService(Part... parts) {
        Draft d = draft(parts);
        return new Workload(d.name, d.name + "-sid", true, d.labels, d.tasks, d.ports, d.vips);
    }

    private static Draft draft(Part... parts) {
        Draft d = new Draft();
        for (Part p : parts) {
            p.accept(d);
        }
        return d;
    }

    static Part name(String name) {
        return d -> d.name = name;
    }

    static Part label(String key, String value) {
        return d -> d.labels.put(key, value);
    }

    /** The compose labels Docker Compose sets on every container of a service. */
    static Part compose(String service, String project) {
        return d -> {
            d.labels.put("com.docker.compose.service", service);
            d.labels.put("com.docker.compose.project", project);
        };
    }

    /** The container is attached to {@code network} with {@code ip}. */
    static Part network(String network, String ip) {
        return d -> d.networks.put(network, ip);
    }

    /** Ports the image exposes ({@code EXPOSE}). */
    static Part port(Integer... ports) {
        return d -> d.ports.addAll(Arrays.asList(ports));
    }

    static Part health(Health health) {
        return d -> d.health = health;
    }

    /** A running task of a Swarm service on network {@code ml}. */
    static Part task(String ip) {
        return task(ip, Health.NONE);
    }

    static Part task(String ip, Health health) {
        return taskOn(Map.of("ml", ip), health);
    }

    static Part taskOn(Map<String, String> networkIps, Health health) {
        return d -> d.tasks.add(new Instance("task-" + d.tasks.size(), networkIps, health));
    }

    /** A Swarm service's virtual IP on {@code network}. */
    static Part vip(String network, String ip) {
        return d -> d.vips.put(network, ip);
    }

    // ---------------------------------------------------------------- settings

    static LabelSettings settings(Setting... settings) {
        SettingsDraft s = new SettingsDraft();
        for (Setting setting : settings) {
            setting.accept(s);
        }
        return new LabelSettings(s.prefixes, s.exposedByDefault, s.network, s.defaultRule, s.constraints,
                s.modelMiddlewares, s.modelStripPrefix);
    }

    static Setting prefixes(String... prefixes) {
        return s -> s.prefixes = List.of(prefixes);
    }

    static Setting exposedByDefault() {
        return s -> s.exposedByDefault = true;
    }

    static Setting defaultNetwork(String network) {
        return s -> s.network = network;
    }

    static Setting defaultRule(String template) {
        return s -> s.defaultRule = template;
    }

    static Setting constraints(String expression) {
        return s -> s.constraints = expression;
    }

    static Setting modelMiddlewares(String... names) {
        return s -> s.modelMiddlewares = List.of(names);
    }

    static Setting modelStripPrefix() {
        return s -> s.modelStripPrefix = true;
    }

    // ---------------------------------------------------------------- one element's labels

    /**
     * Option keys of one element (lower case, after {@code <element>.}) as {@link LabelView} hands them to the
     * decoders, each written as {@code traefik.http.<kind>.x.<key>}.
     */
    static Map<String, LabelView.Entry> options(String kind, Map<String, String> options) {
        Map<String, LabelView.Entry> out = new java.util.TreeMap<>();
        options.forEach((k, v) -> out.put(k, new LabelView.Entry(v, "traefik.http." + kind + ".x." + k, "traefik")));
        return out;
    }

    // ---------------------------------------------------------------- one-line summaries

    /** {@code name: rule -> service [mw1, mw2] priority=1 entrypoints=[web]}. */
    static List<String> routers(ProviderSnapshot s) {
        return s.config().routers().entrySet().stream().map(e -> router(e.getKey(), e.getValue())).toList();
    }

    static List<String> services(ProviderSnapshot s) {
        return s.config().services().entrySet().stream().map(e -> service(e.getKey(), e.getValue())).toList();
    }

    static List<String> middlewares(ProviderSnapshot s) {
        return s.config().middlewares().entrySet().stream().map(e -> middleware(e.getKey(), e.getValue())).toList();
    }

    private static String router(String name, RouterSpec r) {
        StringBuilder b = new StringBuilder(name).append(": ").append(r.rule()).append(" -> ").append(r.service());
        if (!r.middlewares().isEmpty()) {
            b.append(" ").append(r.middlewares());
        }
        if (r.priority() != null) {
            b.append(" priority=").append(r.priority());
        }
        if (!r.entryPoints().isEmpty()) {
            b.append(" entrypoints=").append(r.entryPoints());
        }
        if (r.ruleSyntax() != io.modelgate.discovery.rule.RuleSyntax.AUTO) {
            b.append(" ruleSyntax=").append(r.ruleSyntax().traefikName());
        }
        return b.toString();
    }

    /** {@code name: http://a:1, http://b:1} (servers sorted: their order carries no meaning). */
    private static String service(String name, ServiceSpec s) {
        List<String> urls = s.loadBalancer().servers().stream().map(ServerSpec::url).map(Object::toString).sorted().toList();
        var sticky = s.loadBalancer().sticky();
        return name + ": " + (urls.isEmpty() ? "no servers" : String.join(", ", urls))
                + (s.loadBalancer().passHostHeader() ? "" : " passHostHeader=false")
                + (sticky == null ? "" : sticky.cookie() != null ? " sticky=cookie " + sticky.cookie().name() : " sticky=key " + sticky.key());
    }

    private static String middleware(String name, MiddlewareSpec m) {
        return switch (m) {
            case StripPrefixSpec strip -> name + ": stripPrefix " + strip.prefixes();
            default -> name + ": " + m;
        };
    }
}
