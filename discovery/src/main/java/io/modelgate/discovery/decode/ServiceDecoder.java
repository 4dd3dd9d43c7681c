package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.HealthCheckSpec;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.PassiveHealthSpec;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.StickySpec;
import io.modelgate.discovery.decode.ConfigNode.MapNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One service — a {@code weighted} one (files only, read by {@link WeightedDecoder}), or a {@code loadBalancer} with its {@code servers}, {@code passHostHeader}, {@code sticky},
 * {@code server.maxInFlight}, {@code queue}, {@code healthCheck}, {@code passiveHealthCheck} — from its tree, the
 * same for a file's YAML and a workload's labels. The one difference is where the servers come from: a file lists
 * them ({@code servers[].url}); labels give the instances' port and scheme ({@code server.port},
 * {@code server.scheme}) and the Docker provider finds the addresses.
 */
public final class ServiceDecoder {

    /** Where the service was written; it decides how its servers are given. */
    public enum Source { FILE, LABELS }

    /** The load balancer's keys, as Traefik spells them; {@code servers} for files only. */
    public static final Set<String> LOAD_BALANCER_KEYS = Set.of("servers", "server", "passHostHeader", "sticky", "queue",
            "healthCheck", "passiveHealthCheck", "responseForwarding", "serversTransport");

    /** Keys of {@code loadBalancer.server}; {@code port} and {@code scheme} for labels only. */
    public static final Set<String> SERVER_KEYS = Set.of("port", "scheme", "maxInFlight");

    /** Options Traefik has and modelgate does not implement yet: reported, the service still serves. */
    public static final Set<String> LATER = Set.of("responseForwarding", "serversTransport");

    private static final Set<String> SCHEMES = Set.of("http", "https", "h2c");

    /** What each source may write: a file lists {@code servers}; labels give {@code server.port} and {@code .scheme}. */
    private static final Set<String> FILE_LB_KEYS = LOAD_BALANCER_KEYS;
    private static final Set<String> LABEL_LB_KEYS = LOAD_BALANCER_KEYS.stream().filter(k -> !k.equals("servers"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Set<String> FILE_SERVER_KEYS = Set.of("maxInFlight");

    private ServiceDecoder() {
    }

    /**
     * The service, and for labels the instances' port (null when not given: the provider detects it) and scheme.
     * A file's service comes with its servers; a label's with none yet.
     */
    public record Decoded(ServiceSpec spec, Integer port, String scheme) {
    }

    /**
     * @param ignored told each option that is reported and ignored: where it was written, and why
     * @throws ConfigException saying what is wrong and where
     */
    public static Decoded decode(String name, ConfigNode node, Source source, BiConsumer<String, String> ignored) {
        MapNode m = Values.map(node, "service " + name);
        for (ConfigNode.Entry e : m.entries().values()) {
            String k = e.key().toLowerCase(Locale.ROOT);
            if (k.equals("mirroring") || k.equals("failover")) {
                throw new ConfigException(e.value().origin(), e.key() + " services are not supported yet");
            }
            if (k.equals("weighted") && source == Source.LABELS) {
                throw new ConfigException(e.value().origin(), "weighted services are written in a file, not in labels"
                        + " (as in Traefik): define service " + name + " with the file provider");
            }
            if (!k.equals("loadbalancer") && !k.equals("weighted")) {
                throw new ConfigException(e.value().origin(), "unknown key '" + e.key() + "' in service " + name
                        + " (known: loadBalancer, weighted)");
            }
        }
        ConfigNode weighted = m.get("weighted");
        if (weighted != null) {
            if (m.get("loadBalancer") != null) {
                throw new ConfigException(m.origin(), "service " + name + " is either a loadBalancer or weighted, not both");
            }
            return new Decoded(new ServiceSpec(WeightedDecoder.fromTree(weighted)), null, "http");
        }
        ConfigNode lbNode = m.get("loadBalancer");
        if (lbNode == null && source == Source.FILE) {
            throw new ConfigException(m.origin(), "service " + name + " has no loadBalancer");
        }
        MapNode lb = lbNode == null ? new MapNode(java.util.Map.of(), m.origin()) : Values.map(lbNode, "loadBalancer");
        boolean passHost = true;
        StickySpec sticky = null;
        List<ServerSpec> servers = List.of();
        HealthCheckSpec active = null;
        PassiveHealthSpec passive = null;
        for (ConfigNode.Entry e : lb.entries().values()) {
            String k = canonical(e.key(), source);
            if (k == null) {
                throw new ConfigException(e.value().origin(), "unknown key '" + e.key() + "' in loadBalancer (known: "
                        + String.join(", ", new java.util.TreeSet<>(keys(source))) + ")");
            }
            if (LATER.contains(k)) {
                ignored.accept(e.value().origin(), "loadBalancer." + e.key() + " is not supported yet and is ignored");
                continue;
            }
            switch (k) {
                case "servers" -> servers = servers(e.value());
                case "passHostHeader" -> passHost = Values.bool(e.value(), "passHostHeader");
                case "sticky" -> sticky = StickyDecoder.fromTree(e.value());
                case "server", "queue" -> { } // read below
                case "healthCheck" -> active = HealthCheckDecoder.activeFromTree(e.value());
                case "passiveHealthCheck" -> passive = HealthCheckDecoder.passiveFromTree(e.value());
                default -> throw new IllegalStateException(k);
            }
        }
        Integer port = null;
        String scheme = "http";
        ConfigNode server = lb.get("server");
        if (server != null) {
            MapNode s = Values.map(server, "loadBalancer.server");
            Values.onlyKeys(s, source == Source.FILE ? FILE_SERVER_KEYS : SERVER_KEYS, "loadBalancer.server");
            ConfigNode p = s.get("port");
            if (p != null) {
                port = Values.integer(p, "loadBalancer.server.port");
                if (port < 1 || port > 65535) {
                    throw new ConfigException(p.origin(), "port '" + port + "' is not a TCP port (1-65535)");
                }
            }
            ConfigNode sc = s.get("scheme");
            if (sc != null) {
                scheme = Values.string(sc, "loadBalancer.server.scheme").trim().toLowerCase(Locale.ROOT);
                if (!SCHEMES.contains(scheme)) {
                    throw new ConfigException(sc.origin(), "scheme '" + scheme + "' must be http, https or h2c");
                }
            }
        }
        ServiceSpec spec = new ServiceSpec(new LoadBalancerSpec(servers, passHost, sticky, AdmissionDecoder.fromTree(lb),
                active, passive));
        return new Decoded(spec, port, scheme);
    }

    private static Set<String> keys(Source source) {
        return source == Source.FILE ? FILE_LB_KEYS : LABEL_LB_KEYS;
    }

    /** The key's canonical spelling; fails on a key that is not the source's. */
    private static String canonical(String key, Source source) {
        return keys(source).stream().filter(k -> k.equalsIgnoreCase(key)).findFirst().orElse(null);
    }

    private static List<ServerSpec> servers(ConfigNode node) {
        if (node instanceof ConfigNode.Scalar s && s.value() == null) {
            return List.of();
        }
        if (!(node instanceof ConfigNode.ListNode list)) {
            throw new ConfigException(node.origin(), "servers must be a list, not " + node.kind());
        }
        List<ServerSpec> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            ConfigNode item = list.items().get(i);
            MapNode server = Values.map(item, "servers[" + i + "]");
            Values.onlyKeys(server, Set.of("url", "weight"), "servers[" + i + "]");
            ConfigNode url = server.get("url");
            if (url == null) {
                throw new ConfigException(server.origin(), "servers[" + i + "] has no url");
            }
            int w = Values.weight(server.get("weight"), "servers[" + i + "].weight");
            out.add(new ServerSpec(url(Values.string(url, "url"), url.origin(), i), w));
        }
        return out;
    }

    private static URI url(String text, String origin, int i) {
        try {
            URI u = new URI(text.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (SCHEMES.contains(scheme) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(origin, "servers[" + i + "].url '" + text + "' is not an absolute http, https or h2c URL");
    }
}
