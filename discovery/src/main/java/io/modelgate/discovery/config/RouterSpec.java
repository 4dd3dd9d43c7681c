package io.modelgate.discovery.config;

import static java.util.Objects.requireNonNull;

import io.modelgate.discovery.rule.RuleSyntax;
import java.util.List;

/**
 * A router: a rule that selects requests, the middlewares they pass and the service that answers.
 *
 * @param rule        Traefik rule, e.g. {@code Host(`api.example`) && PathPrefix(`/api/v1/m`)}
 * @param priority    explicit priority, or {@code null} for the default (the rule's length)
 * @param middlewares middleware names in order; unqualified names refer to the router's own provider
 * @param service     service name; unqualified names refer to the router's own provider
 * @param entryPoints entry points the router listens on; empty means all (with {@code tls}: all that terminate TLS)
 * @param tls         null for a plain router; else it serves HTTPS requests only, with these settings
 * @param ruleSyntax  Traefik's {@code ruleSyntax} ({@code v2}/{@code v3}); {@link RuleSyntax#AUTO} when not given
 */
public record RouterSpec(String rule, Integer priority, List<String> middlewares, String service, List<String> entryPoints,
                         RouterTls tls, RuleSyntax ruleSyntax) {

    public RouterSpec {
        requireNonNull(rule, "rule");
        requireNonNull(ruleSyntax, "ruleSyntax");
        middlewares = List.copyOf(middlewares);
        entryPoints = List.copyOf(entryPoints);
    }

    /** A router whose rule syntax is not given. */
    public RouterSpec(String rule, Integer priority, List<String> middlewares, String service, List<String> entryPoints,
                      RouterTls tls) {
        this(rule, priority, middlewares, service, entryPoints, tls, RuleSyntax.AUTO);
    }

    /** A router without TLS. */
    public RouterSpec(String rule, Integer priority, List<String> middlewares, String service, List<String> entryPoints) {
        this(rule, priority, middlewares, service, entryPoints, null);
    }

    /** The priority the router is sorted by: the explicit one, else the rule's length (Traefik's default). */
    public int effectivePriority() {
        return priority != null ? priority : rule.length();
    }
}
