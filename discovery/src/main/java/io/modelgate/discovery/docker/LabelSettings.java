package io.modelgate.discovery.docker;

import java.util.List;

/**
 * How labels become configuration (the static Docker provider settings that affect decoding).
 *
 * @param prefixes         label prefixes in precedence order, without the dot: {@code [modelgate, traefik]};
 *                         when a workload has keys under several, the first prefix wins
 * @param exposedByDefault route workloads that have no router or service label (Traefik's option; default false)
 * @param network          network to reach instances on when a workload has several and no {@code docker.network} label; null for none
 * @param defaultRule      rule template for implicit routers, e.g. {@code Host(`{{ normalize .Name }}`)}
 * @param constraints      Traefik constraint expression over labels ({@code Label(`a`,`b`) && !LabelRegex(`c`,`d.*`)}); empty for none
 * @param modelMiddlewares middlewares given to routers made by the {@code modelgate.model} convention
 * @param modelStripPrefix strip {@code /api/v1/<model>} before forwarding for the model convention
 */
public record LabelSettings(List<String> prefixes, boolean exposedByDefault, String network, String defaultRule,
                            String constraints, List<String> modelMiddlewares, boolean modelStripPrefix) {

    public static final String DEFAULT_RULE = "Host(`{{ normalize .Name }}`)";

    public LabelSettings {
        prefixes = List.copyOf(prefixes);
        modelMiddlewares = List.copyOf(modelMiddlewares);
        if (prefixes.isEmpty()) {
            throw new IllegalArgumentException("at least one label prefix is needed");
        }
        defaultRule = defaultRule == null || defaultRule.isBlank() ? DEFAULT_RULE : defaultRule;
        constraints = constraints == null ? "" : constraints;
    }

    public static LabelSettings defaults() {
        return new LabelSettings(List.of("modelgate", "traefik"), false, null, DEFAULT_RULE, "", List.of(), false);
    }
}
