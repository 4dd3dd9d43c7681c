package io.modelgate.discovery.decode;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.decode.ConfigNode.MapNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Traefik's dynamic configuration ({@code http: {routers, services, middlewares}, tls}) from a file's tree to a
 * {@link RoutingConfig}; each element by the decoder the Docker labels use too ({@link RouterDecoder},
 * {@link ServiceDecoder}, {@link MiddlewareDecoder}). Fails soft: a broken router, service or middleware is left out and reported with
 * where it was written; everything else is kept.
 */
public final class HttpConfigDecoder {

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
        routers.put(name, RouterDecoder.decode(name, node, RouterDecoder.Defaults.NONE));
    }

    private void service(String name, ConfigNode node) {
        services.put(name, ServiceDecoder.decode(name, node, ServiceDecoder.Source.FILE, (origin, message) ->
                problems.add(new Problem(provider, "service " + name + "@" + provider, origin, message))).spec());
    }

    private void middleware(String name, ConfigNode node) {
        middlewares.put(name, MiddlewareDecoder.decode(node));
    }
}
