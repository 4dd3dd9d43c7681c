package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.BasicAuthSpec;
import io.modelgate.discovery.config.BufferingSpec;
import io.modelgate.discovery.config.ChainSpec;
import io.modelgate.discovery.config.ErrorsSpec;
import io.modelgate.discovery.config.ForwardAuthSpec;
import io.modelgate.discovery.config.HeadersSpec;
import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RedirectSchemeSpec;
import io.modelgate.discovery.config.StatusRanges;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.discovery.decode.ConfigNode.MapNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One middleware definition — a map with exactly one Traefik type key — to its spec. Shared by the file
 * provider and the Docker labels. A known Traefik type that modelgate does not implement yet is refused
 * by name, never ignored: a router must not run without, say, the auth step its operator configured.
 */
public final class MiddlewareDecoder {

    /** Types decoded here, by lower-case name. */
    private static final Map<String, String> IMPLEMENTED = Map.ofEntries(
            Map.entry("stripprefix", "stripPrefix"), Map.entry("headers", "headers"), Map.entry("chain", "chain"),
            Map.entry("buffering", "buffering"), Map.entry("basicauth", "basicAuth"), Map.entry("forwardauth", "forwardAuth"),
            Map.entry("errors", "errors"), Map.entry("redirectscheme", "redirectScheme"), Map.entry("ratelimit", "rateLimit"),
            Map.entry("inflightreq", "inFlightReq"),
            Map.entry("circuitbreaker", "circuitBreaker"), Map.entry("retry", "retry"));

    /** Traefik v2 types not implemented yet. */
    private static final Set<String> LATER = Set.of("addprefix", "redirectregex",
            "replacepath", "replacepathregex", "ipwhitelist", "ipallowlist", "compress", "contenttype", "digestauth",
            "grpcweb", "passtlsclientcert", "plugin", "stripprefixregex");

    private static final Set<String> HEADERS_IMPLEMENTED = Set.of("customRequestHeaders", "customResponseHeaders");
    private static final Set<String> REDIRECT_SCHEME_KEYS = Set.of("scheme", "port", "permanent");
    private static final Set<String> STRIP_PREFIX_KEYS = Set.of("prefixes", "forceSlash");
    private static final Set<String> FORWARD_AUTH_KEYS = Set.of("address", "trustForwardHeader", "authResponseHeaders",
            "authResponseHeadersRegex", "authRequestHeaders", "timeout", "maxCacheTtl", "tls", "credentialCookie");
    private static final Set<String> FORWARD_AUTH_TLS_KEYS = Set.of("ca", "insecureSkipVerify");
    private static final Set<String> ERRORS_KEYS = Set.of("status", "service", "query");
    private static final Set<String> BASIC_AUTH_KEYS = Set.of("users", "usersFile", "realm", "removeHeader", "headerField");
    private static final Set<String> BUFFERING_KEYS = Set.of("maxRequestBodyBytes", "maxResponseBodyBytes",
            "memRequestBodyBytes", "memResponseBodyBytes", "retryExpression");
    private static final Set<String> CHAIN_KEYS = Set.of("middlewares");

    private MiddlewareDecoder() {
    }

    /**
     * Every option of every implemented type, dotted and lower case as a label writes it after the middleware's
     * name ({@code ratelimit.sourcecriterion.ipstrategy.depth}); {@code <name>} stands for a header or plan name.
     * Read off the key sets the decoders check, so the label reference cannot list an option they refuse.
     */
    public static List<String> labelKeys() {
        List<String> keys = new ArrayList<>();
        under("stripPrefix", STRIP_PREFIX_KEYS, keys);
        HEADERS_IMPLEMENTED.forEach(h -> keys.add("headers." + h + ".<name>"));
        under("chain", CHAIN_KEYS, keys);
        under("buffering", BUFFERING_KEYS, keys);
        under("basicAuth", BASIC_AUTH_KEYS, keys);
        FORWARD_AUTH_KEYS.stream().filter(k -> !k.equals("tls")).forEach(k -> keys.add("forwardAuth." + k));
        under("forwardAuth.tls", FORWARD_AUTH_TLS_KEYS, keys);
        under("errors", ERRORS_KEYS, keys);
        under("redirectScheme", REDIRECT_SCHEME_KEYS, keys);
        LimitDecoder.labelKeys(keys);
        under("circuitBreaker", CircuitBreakerDecoder.KEYS, keys);
        under("retry", RetryDecoder.KEYS, keys);
        return keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).sorted().toList();
    }

    static void under(String prefix, Set<String> options, List<String> keys) {
        options.forEach(o -> keys.add(prefix + "." + o));
    }

    /** @throws ConfigException saying what is wrong and where */
    public static MiddlewareSpec decode(ConfigNode definition) {
        MapNode m = Values.map(definition, "a middleware");
        if (m.entries().size() != 1) {
            throw new ConfigException(m.origin(), "a middleware needs exactly one type, got "
                    + (m.entries().isEmpty() ? "none" : m.entries().values().stream().map(ConfigNode.Entry::key).toList()));
        }
        ConfigNode.Entry typed = m.entries().values().iterator().next();
        String type = typed.key().toLowerCase(Locale.ROOT);
        ConfigNode options = typed.value();
        String name = IMPLEMENTED.get(type);
        if (name == null) {
            throw new ConfigException(options.origin(), LATER.contains(type)
                    ? "middleware type '" + typed.key() + "' is not supported yet"
                    : "unknown middleware type '" + typed.key() + "'");
        }
        MapNode o = options instanceof ConfigNode.Scalar s && s.value() == null
                ? new MapNode(Map.of(), options.origin()) : Values.map(options, name);
        return switch (name) {
            case "stripPrefix" -> stripPrefix(o);
            case "headers" -> headers(o);
            case "chain" -> chain(o);
            case "buffering" -> buffering(o);
            case "basicAuth" -> basicAuth(o);
            case "forwardAuth" -> forwardAuth(o);
            case "errors" -> errors(o);
            case "rateLimit" -> LimitDecoder.rateLimit(o);
            case "inFlightReq" -> LimitDecoder.inFlightReq(o);
            case "redirectScheme" -> redirectScheme(o);
            case "circuitBreaker" -> CircuitBreakerDecoder.circuitBreaker(o);
            case "retry" -> RetryDecoder.retry(o);
            default -> throw new IllegalStateException(name);
        };
    }

    private static RedirectSchemeSpec redirectScheme(MapNode o) {
        Values.onlyKeys(o, REDIRECT_SCHEME_KEYS, "redirectScheme");
        ConfigNode scheme = o.get("scheme");
        if (scheme == null) {
            throw new ConfigException(o.origin(), "redirectScheme needs a scheme");
        }
        ConfigNode port = o.get("port");
        ConfigNode permanent = o.get("permanent");
        try {
            return new RedirectSchemeSpec(Values.string(scheme, "redirectScheme.scheme").trim().toLowerCase(Locale.ROOT),
                    port == null ? null : Values.string(port, "redirectScheme.port").trim(),
                    permanent != null && Values.bool(permanent, "redirectScheme.permanent"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(o.origin(), e.getMessage());
        }
    }

    private static StripPrefixSpec stripPrefix(MapNode o) {
        Values.onlyKeys(o, STRIP_PREFIX_KEYS, "stripPrefix");
        ConfigNode prefixes = o.get("prefixes");
        if (prefixes == null) {
            throw new ConfigException(o.origin(), "stripPrefix needs prefixes");
        }
        var list = Values.strings(prefixes, "stripPrefix.prefixes");
        for (String p : list) {
            if (!p.startsWith("/")) {
                throw new ConfigException(prefixes.origin(), "stripPrefix prefix '" + p + "' must start with '/'");
            }
        }
        return new StripPrefixSpec(list); // forceSlash is accepted and ignored: Traefik deprecated it
    }

    private static HeadersSpec headers(MapNode o) {
        // every option not implemented is named at once (CORS and HSTS come in sets of several)
        List<ConfigNode.Entry> later = o.entries().values().stream()
                .filter(e -> HEADERS_IMPLEMENTED.stream().noneMatch(k -> k.equalsIgnoreCase(e.key()))).toList();
        if (!later.isEmpty()) {
            throw new ConfigException(later.getFirst().value().origin(), (later.size() == 1 ? "headers option '"
                    : "headers options '") + String.join("', '", later.stream().map(ConfigNode.Entry::key).toList())
                    + (later.size() == 1 ? "' is" : "' are") + " not supported yet (supported: customRequestHeaders,"
                    + " customResponseHeaders)");
        }
        ConfigNode req = o.get("customRequestHeaders");
        ConfigNode res = o.get("customResponseHeaders");
        return new HeadersSpec(
                req == null ? Map.of() : new TreeMap<>(Values.stringMap(req, "customRequestHeaders")),
                res == null ? Map.of() : new TreeMap<>(Values.stringMap(res, "customResponseHeaders")));
    }

    private static ForwardAuthSpec forwardAuth(MapNode o) {
        Values.onlyKeys(o, FORWARD_AUTH_KEYS, "forwardAuth");
        ForwardAuthSpec.Tls tls = forwardAuthTls(o.get("tls"));
        ConfigNode address = o.get("address");
        if (address == null) {
            throw new ConfigException(o.origin(), "forwardAuth needs an address");
        }
        ConfigNode trust = o.get("trustForwardHeader");
        ConfigNode resp = o.get("authResponseHeaders");
        ConfigNode regex = o.get("authResponseHeadersRegex");
        ConfigNode req = o.get("authRequestHeaders");
        ConfigNode timeout = o.get("timeout");
        ConfigNode ttl = o.get("maxCacheTtl");
        ConfigNode cookie = o.get("credentialCookie");
        try {
            return new ForwardAuthSpec(java.net.URI.create(Values.string(address, "forwardAuth.address").trim()),
                    trust != null && Values.bool(trust, "forwardAuth.trustForwardHeader"),
                    resp == null ? java.util.List.of() : Values.strings(resp, "forwardAuth.authResponseHeaders"),
                    regex == null ? null : Values.string(regex, "forwardAuth.authResponseHeadersRegex"),
                    req == null ? java.util.List.of() : Values.strings(req, "forwardAuth.authRequestHeaders"),
                    timeout == null ? null : StickyDecoder.duration(Values.string(timeout, "forwardAuth.timeout").trim()),
                    ttl == null ? null : StickyDecoder.duration(Values.string(ttl, "forwardAuth.maxCacheTtl").trim()), tls,
                    cookie == null ? null : Values.string(cookie, "forwardAuth.credentialCookie").trim());
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException ? e : new ConfigException(o.origin(), e.getMessage());
        }
    }

    private static ForwardAuthSpec.Tls forwardAuthTls(ConfigNode node) {
        if (node == null) {
            return null;
        }
        MapNode t = Values.map(node, "forwardAuth.tls");
        for (ConfigNode.Entry e : t.entries().values()) {
            String k = e.key();
            if (k.equalsIgnoreCase("cert") || k.equalsIgnoreCase("key") || k.equalsIgnoreCase("caOptional")) {
                throw new ConfigException(e.value().origin(), "forwardAuth.tls." + k + " is not supported yet (supported: ca, insecureSkipVerify)");
            }
        }
        Values.onlyKeys(t, FORWARD_AUTH_TLS_KEYS, "forwardAuth.tls");
        ConfigNode ca = t.get("ca");
        ConfigNode skip = t.get("insecureSkipVerify");
        return new ForwardAuthSpec.Tls(ca == null ? null : Values.string(ca, "forwardAuth.tls.ca").trim(),
                skip != null && Values.bool(skip, "forwardAuth.tls.insecureSkipVerify"));
    }

    private static ErrorsSpec errors(MapNode o) {
        Values.onlyKeys(o, ERRORS_KEYS, "errors");
        ConfigNode status = o.get("status");
        ConfigNode service = o.get("service");
        ConfigNode query = o.get("query");
        if (status == null) {
            throw new ConfigException(o.origin(), "errors needs status, such as [\"500-599\"]");
        }
        if (service == null) {
            throw new ConfigException(o.origin(), "errors needs a service");
        }
        StatusRanges ranges;
        try {
            ranges = StatusRanges.parse(Values.strings(status, "errors.status"));
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException ? e : new ConfigException(status.origin(), "errors." + e.getMessage());
        }
        try {
            return new ErrorsSpec(ranges, Values.string(service, "errors.service"),
                    query == null ? null : Values.string(query, "errors.query"));
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException ? e : new ConfigException(o.origin(), e.getMessage());
        }
    }

    private static BasicAuthSpec basicAuth(MapNode o) {
        Values.onlyKeys(o, BASIC_AUTH_KEYS, "basicAuth");
        ConfigNode users = o.get("users");
        ConfigNode file = o.get("usersFile");
        ConfigNode realm = o.get("realm");
        ConfigNode remove = o.get("removeHeader");
        ConfigNode field = o.get("headerField");
        try {
            return new BasicAuthSpec(users == null ? java.util.List.of() : Values.strings(users, "basicAuth.users"),
                    file == null ? null : Values.string(file, "basicAuth.usersFile"),
                    realm == null ? null : Values.string(realm, "basicAuth.realm"),
                    remove != null && Values.bool(remove, "basicAuth.removeHeader"),
                    field == null ? null : Values.string(field, "basicAuth.headerField"));
        } catch (IllegalArgumentException e) {
            throw e instanceof ConfigException ? e : new ConfigException(o.origin(), e.getMessage());
        }
    }

    /** Limits only: memRequestBodyBytes/memResponseBodyBytes/retryExpression are accepted for compatibility. */
    private static BufferingSpec buffering(MapNode o) {
        Values.onlyKeys(o, BUFFERING_KEYS, "buffering");
        ConfigNode retry = o.get("retryExpression");
        if (retry != null) {
            throw new ConfigException(retry.origin(), "buffering.retryExpression is not supported yet");
        }
        return new BufferingSpec(limit(o, "maxRequestBodyBytes"), limit(o, "maxResponseBodyBytes"));
    }

    private static long limit(MapNode o, String key) {
        ConfigNode n = o.get(key);
        if (n == null) {
            return 0;
        }
        String v = Values.string(n, key).trim();
        try {
            long l = Long.parseLong(v);
            if (l < 0) {
                throw new NumberFormatException();
            }
            return l;
        } catch (NumberFormatException e) {
            throw new ConfigException(n.origin(), "buffering." + key + " must be a non-negative number of bytes, got '" + v + "'");
        }
    }

    private static ChainSpec chain(MapNode o) {
        Values.onlyKeys(o, CHAIN_KEYS, "chain");
        ConfigNode mws = o.get("middlewares");
        if (mws == null) {
            throw new ConfigException(o.origin(), "chain needs middlewares");
        }
        return new ChainSpec(Values.strings(mws, "chain.middlewares"));
    }
}
