package io.modelgate.gateway.runtime;

import io.modelgate.discovery.config.MiddlewareSpec;
import java.util.List;

/**
 * A middleware as the admin API shows it.
 *
 * @param name     qualified name
 * @param provider the provider it came from
 * @param spec     its configuration
 * @param usedBy   routers that use it (directly or through a chain)
 * @param origin   where it was defined
 * @param status   enabled or disabled, and why
 */
public record MiddlewareView(String name, String provider, MiddlewareSpec spec, List<String> usedBy, String origin,
                             ElementStatus status) {
}
