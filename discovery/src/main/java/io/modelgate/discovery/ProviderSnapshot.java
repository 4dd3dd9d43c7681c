package io.modelgate.discovery;

import static java.util.Objects.requireNonNull;

import io.modelgate.discovery.config.RoutingConfig;
import java.util.List;

/**
 * Everything one provider knows at one moment: its whole configuration (never a patch) and the problems
 * it found while producing it. Elements with problems are left out of {@code config}; the rest is live.
 *
 * @param provider provider name, the namespace of its elements ({@code echo@file})
 * @param config   the configuration
 * @param problems problems found while decoding
 */
public record ProviderSnapshot(String provider, RoutingConfig config, List<Problem> problems) {

    public ProviderSnapshot {
        requireNonNull(provider, "provider");
        requireNonNull(config, "config");
        problems = List.copyOf(problems);
    }
}
