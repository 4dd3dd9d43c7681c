package io.modelgate.gateway.runtime;

import io.modelgate.discovery.config.ServiceSpec;
import java.util.List;

/**
 * A service as the admin API shows it.
 *
 * @param name     qualified name
 * @param provider the provider it came from
 * @param spec     its configuration
 * @param usedBy   routers that use it
 * @param origin   where it was defined
 * @param status   enabled, warning or disabled, and why
 */
public record ServiceView(String name, String provider, ServiceSpec spec, List<String> usedBy, String origin,
                          ElementStatus status) {
}
