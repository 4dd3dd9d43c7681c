package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.decode.ConfigNode.MapNode;
import io.modelgate.discovery.rule.RuleSyntax;
import java.util.List;
import java.util.Set;

/**
 * One router — {@code rule}, {@code ruleSyntax}, {@code priority}, {@code middlewares}, {@code service},
 * {@code entryPoints}, {@code tls} — from its tree, the same for a file's YAML and a workload's labels. What a
 * provider fills in when a key is missing (the Docker provider's default rule and the workload's only service)
 * comes in as {@link Defaults}; the file provider has none. An unknown key fails the router: it must never run
 * without what its operator wrote (a typo'd {@code middlewares} would leave it live without its authentication).
 */
public final class RouterDecoder {

    /** The router's keys, as Traefik spells them (matched case-insensitively). */
    public static final Set<String> KEYS = Set.of("rule", "ruleSyntax", "priority", "middlewares", "service", "entryPoints", "tls");

    private RouterDecoder() {
    }

    /** What the provider supplies for a router that names no rule or no service. */
    public interface Defaults {

        /** The file provider's: both are required. */
        Defaults NONE = new Defaults() {
        };

        /**
         * @param origin where the router was written
         * @throws ConfigException if the provider has no default either
         */
        default String rule(String router, String origin) {
            throw new ConfigException(origin, "router " + router + " has no rule");
        }

        /** @throws ConfigException if the provider cannot choose one */
        default String service(String router, String origin) {
            throw new ConfigException(origin, "router " + router + " has no service");
        }
    }

    /** @throws ConfigException saying what is wrong and where */
    public static RouterSpec decode(String name, ConfigNode node, Defaults defaults) {
        String what = "router " + name;
        MapNode m = Values.map(node, what);
        Values.onlyKeys(m, KEYS, what);
        ConfigNode priority = m.get("priority");
        ConfigNode mws = m.get("middlewares");
        ConfigNode eps = m.get("entryPoints");
        ConfigNode syntax = m.get("ruleSyntax");
        RuleSyntax ruleSyntax;
        try {
            ruleSyntax = RuleSyntax.of(syntax == null ? null : Values.string(syntax, "ruleSyntax").trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(syntax.origin(), what + ": " + e.getMessage());
        }
        Integer prio = priority == null ? null : Values.integer(priority, what + " priority");
        List<String> middlewares = mws == null ? List.of() : Values.strings(mws, "middlewares");
        List<String> entryPoints = eps == null ? List.of() : Values.strings(eps, "entryPoints");
        var tls = TlsDecoder.router(m.get("tls"), what + " tls");
        // the defaults last: a provider's default may fail for a router whose own keys are already wrong
        String rule = present(m.get("rule"), "rule");
        String service = present(m.get("service"), "service");
        return new RouterSpec(rule != null ? rule : defaults.rule(name, m.origin()), prio, middlewares,
                service != null ? service : defaults.service(name, m.origin()), entryPoints, tls, ruleSyntax);
    }

    /** The trimmed value, or null when the key is missing or blank (a blank label means "use the default"). */
    private static String present(ConfigNode node, String what) {
        if (node == null || node instanceof ConfigNode.Scalar s && s.value() == null) {
            return null;
        }
        String v = Values.string(node, what).trim();
        return v.isEmpty() ? null : v;
    }
}
