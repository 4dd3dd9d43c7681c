package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.RetrySpec;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/** The {@code retry} options from a tree (file or labels). */
final class RetryDecoder {

    /** Its options, as Traefik spells them. */
    static final Set<String> KEYS = Set.of("attempts", "initialInterval", "methods");

    private RetryDecoder() {
    }

    static RetrySpec retry(ConfigNode.MapNode o) {
        Values.onlyKeys(o, KEYS, "retry");
        ConfigNode attempts = o.get("attempts");
        if (attempts == null) {
            throw new ConfigException(o.origin(), "retry needs attempts");
        }
        ConfigNode interval = o.get("initialInterval");
        ConfigNode methods = o.get("methods");
        try {
            return new RetrySpec(Values.integer(attempts, "retry.attempts"),
                    interval == null ? null : interval(Values.string(interval, "retry.initialInterval").trim()),
                    methods == null ? null : new LinkedHashSet<>(Values.strings(methods, "retry.methods")));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(o.origin(), e.getMessage());
        }
    }

    /** Traefik takes a duration ({@code 100ms}) or a number of seconds. */
    private static Duration interval(String v) {
        return v.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(v)) : StickyDecoder.duration(v);
    }
}
