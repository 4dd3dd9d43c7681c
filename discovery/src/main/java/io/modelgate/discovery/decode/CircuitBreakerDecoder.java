package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.CircuitBreakerSpec;
import java.util.Set;

/** The {@code circuitBreaker} options from a tree (file or labels). */
final class CircuitBreakerDecoder {

    /** Its options, as Traefik spells them. */
    static final Set<String> KEYS = Set.of("expression", "checkPeriod", "fallbackDuration", "recoveryDuration", "responseCode");

    private CircuitBreakerDecoder() {
    }

    static CircuitBreakerSpec circuitBreaker(ConfigNode.MapNode o) {
        Values.onlyKeys(o, KEYS, "circuitBreaker");
        ConfigNode expression = o.get("expression");
        if (expression == null) {
            throw new ConfigException(o.origin(), "circuitBreaker needs an expression");
        }
        try {
            ConfigNode code = o.get("responseCode");
            return CircuitBreakerSpec.of(Values.string(expression, "circuitBreaker.expression"),
                    duration(o, "checkPeriod"), duration(o, "fallbackDuration"), duration(o, "recoveryDuration"),
                    code == null ? 0 : Values.integer(code, "circuitBreaker.responseCode"));
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(o.origin(), e.getMessage());
        }
    }

    private static java.time.Duration duration(ConfigNode.MapNode o, String key) {
        ConfigNode n = o.get(key);
        return n == null ? null : StickyDecoder.duration(Values.string(n, "circuitBreaker." + key).trim());
    }
}
