package io.modelgate.discovery.decode;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.rule.RuleSyntax;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.decode.ConfigNode.MapNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Traefik's dynamic configuration ({@code http: {routers, services, middlewares}}) from a tree to a
 * {@link RoutingConfig}. Fails soft: a broken router, service or middleware is left out and reported with
 * where it was written; everything else is kept.
 */
public final class HttpConfigDecoder {

    private static final Set<String> ROUTER_KEYS = Set.of("rule", "ruleSyntax", "priority", "middlewares", "service", "entryPoints", "tls");
    private static final Set<String> LB_LATER = Set.of("responseForwarding", "serversTransport");

    private final String provider;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, RouterSpec> routers = new LinkedHashMap<>();
    private final Map<String, ServiceSpec> services = new LinkedHashMap<>();
    private final Map<String, MiddlewareSpec> middlewares = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();
    private io.modelgate.discovery.config.TlsConfig tls = io.modelgate.discovery.config.TlsConfig.EMPTY;

    private HttpConfigDecoder(String provider) {
        this.provider = provider;
    }

    /** The result: the configuration and what was wrong with the rest. */
    public record Result(RoutingConfig config, List<Problem> problems) {
    }

    /** Decodes a whole document; {@code root} null means an empty document. */
    public static Result decode(ConfigNode root, String provider) {
        HttpConfigDecoder d = new HttpConfigDecoder(provider);
        if (root != null && !(root instanceof ConfigNode.Scalar s && s.value() == null)) {
            d.document(root);
        }
        return new Result(new RoutingConfig(d.routers, d.services, d.middlewares, d.origins, d.tls), d.problems);
    }

    private void document(ConfigNode root) {
        MapNode top;
        try {
            top = Values.map(root, "the configuration");
        } catch (ConfigException e) {
            problems.add(new Problem(provider, "configuration", e.origin(), e.getMessage()));
            return;
        }
        for (ConfigNode.Entry e : top.entries().values()) {
            String key = e.key().toLowerCase(Locale.ROOT);
            switch (key) {
                case "http" -> http(e.value());
                case "tls" -> tls(e.value());
                case "tcp", "udp" -> problems.add(new Problem(provider, e.key(), e.value().origin(),
                        "'" + e.key() + "' configuration is not supported (only http)"));
                default -> problems.add(new Problem(provider, e.key(), e.value().origin(),
                        "unknown key '" + e.key() + "' (known: http, tls)"));
            }
        }
    }

    /** A broken {@code tls:} section is left out whole (its certificates may belong together) and reported. */
    private void tls(ConfigNode node) {
        try {
            tls = TlsDecoder.section(node);
        } catch (ConfigException e) {
            problems.add(new Problem(provider, "tls", e.origin(), e.getMessage() + ": the tls section is not used"));
        }
    }

    private void http(ConfigNode node) {
        if (node instanceof ConfigNode.Scalar s && s.value() == null) {
            return; // "http:" with nothing under it
        }
        MapNode http;
        try {
            http = Values.map(node, "http");
        } catch (ConfigException e) {
            problems.add(new Problem(provider, "http", e.origin(), e.getMessage()));
            return;
        }
        for (ConfigNode.Entry e : http.entries().values()) {
            switch (e.key().toLowerCase(Locale.ROOT)) {
                case "routers" -> each(e.value(), "router", this::router);
                case "services" -> each(e.value(), "service", this::service);
                case "middlewares" -> each(e.value(), "middleware", this::middleware);
                default -> problems.add(new Problem(provider, "http." + e.key(), e.value().origin(), "unknown key '"
                        + e.key() + "' under http (known: routers, services, middlewares)"));
            }
        }
    }

    private interface ElementDecoder {
        void decode(String name, ConfigNode node);
    }

    /** Decodes each named element; a failure drops only that element. */
    private void each(ConfigNode node, String kind, ElementDecoder decoder) {
        if (node instanceof ConfigNode.Scalar s && s.value() == null) {
            return;
        }
        MapNode elements;
        try {
            elements = Values.map(node, kind + "s");
        } catch (ConfigException e) {
            problems.add(new Problem(provider, kind + "s", e.origin(), e.getMessage()));
            return;
        }
        for (ConfigNode.Entry e : elements.entries().values()) {
            try {
                decoder.decode(e.key(), e.value());
                origins.put(RoutingConfig.originKey(kind, e.key()), e.value().origin());
            } catch (ConfigException ex) {
                problems.add(new Problem(provider, kind + " " + e.key() + "@" + provider, ex.origin(), ex.getMessage()));
            }
        }
    }

    private void router(String name, ConfigNode node) {
        MapNode m = Values.map(node, "router " + name);
        Values.onlyKeys(m, ROUTER_KEYS, "router " + name);
        ConfigNode rule = m.get("rule");
        if (rule == null) {
            throw new ConfigException(m.origin(), "router " + name + " has no rule");
        }
        ConfigNode service = m.get("service");
        if (service == null) {
            throw new ConfigException(m.origin(), "router " + name + " has no service");
        }
        ConfigNode priority = m.get("priority");
        ConfigNode mws = m.get("middlewares");
        ConfigNode eps = m.get("entryPoints");
        ConfigNode syntax = m.get("ruleSyntax");
        RuleSyntax ruleSyntax;
        try {
            ruleSyntax = RuleSyntax.of(syntax == null ? null : Values.string(syntax, "ruleSyntax"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(syntax.origin(), "router " + name + ": " + e.getMessage());
        }
        routers.put(name, new RouterSpec(Values.string(rule, "rule"),
                priority == null ? null : Values.integer(priority, "priority"),
                mws == null ? List.of() : Values.strings(mws, "middlewares"),
                Values.string(service, "service"),
                eps == null ? List.of() : Values.strings(eps, "entryPoints"),
                TlsDecoder.router(m.get("tls"), "router " + name + " tls"), ruleSyntax));
    }

    private void service(String name, ConfigNode node) {
        MapNode m = Values.map(node, "service " + name);
        for (ConfigNode.Entry e : m.entries().values()) {
            String k = e.key().toLowerCase(Locale.ROOT);
            if (k.equals("weighted") || k.equals("mirroring") || k.equals("failover")) {
                throw new ConfigException(e.value().origin(), e.key() + " services are not supported yet");
            }
            if (!k.equals("loadbalancer")) {
                throw new ConfigException(e.value().origin(), "unknown key '" + e.key() + "' in service " + name
                        + " (known: loadBalancer)");
            }
        }
        ConfigNode lbNode = m.get("loadBalancer");
        if (lbNode == null) {
            throw new ConfigException(m.origin(), "service " + name + " has no loadBalancer");
        }
        MapNode lb = Values.map(lbNode, "loadBalancer");
        boolean passHost = true;
        io.modelgate.discovery.config.StickySpec sticky = null;
        List<ServerSpec> servers = new ArrayList<>();
        io.modelgate.discovery.config.HealthCheckSpec active = null;
        io.modelgate.discovery.config.PassiveHealthSpec passive = null;
        for (ConfigNode.Entry e : lb.entries().values()) {
            String k = e.key();
            if (k.equalsIgnoreCase("servers")) {
                servers = servers(e.value());
            } else if (k.equalsIgnoreCase("passHostHeader")) {
                passHost = Values.bool(e.value(), "passHostHeader");
            } else if (k.equalsIgnoreCase("sticky")) {
                sticky = StickyDecoder.fromTree(e.value());
            } else if (k.equalsIgnoreCase("server") || k.equalsIgnoreCase("queue")) {
                continue; // admission control, read below
            } else if (k.equalsIgnoreCase("healthCheck")) {
                active = HealthCheckDecoder.activeFromTree(e.value());
            } else if (k.equalsIgnoreCase("passiveHealthCheck")) {
                passive = HealthCheckDecoder.passiveFromTree(e.value());
            } else if (LB_LATER.stream().anyMatch(l -> l.equalsIgnoreCase(k))) {
                // optional improvements: reported, the service still serves
                problems.add(new Problem(provider, "service " + name + "@" + provider, e.value().origin(),
                        "loadBalancer." + k + " is not supported yet and is ignored"));
            } else {
                throw new ConfigException(e.value().origin(), "unknown key '" + k + "' in loadBalancer (known: servers, "
                        + "passHostHeader, sticky, server, queue, healthCheck, passiveHealthCheck, responseForwarding, serversTransport)");
            }
        }
        services.put(name, new ServiceSpec(new LoadBalancerSpec(servers, passHost, sticky, AdmissionDecoder.fromTree(lb),
                active, passive)));
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
            ConfigNode weight = server.get("weight");
            int w = weight == null ? 1 : Values.integer(weight, "servers[" + i + "].weight");
            if (w < 0) {
                throw new ConfigException(weight.origin(), "servers[" + i + "].weight must be a non-negative integer, got " + w);
            }
            out.add(new ServerSpec(url(Values.string(url, "url"), url.origin(), i), w));
        }
        return out;
    }

    private static URI url(String text, String origin, int i) {
        try {
            URI u = new URI(text.trim());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https") || scheme.equals("h2c")) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException(origin, "servers[" + i + "].url '" + text + "' is not an absolute http, https or h2c URL");
    }

    private void middleware(String name, ConfigNode node) {
        middlewares.put(name, MiddlewareDecoder.decode(node));
    }
}
