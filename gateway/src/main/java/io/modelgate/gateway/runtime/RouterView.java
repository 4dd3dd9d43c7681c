package io.modelgate.gateway.runtime;

import io.modelgate.discovery.config.RouterSpec;
import java.util.List;

/**
 * A router as the admin API shows it.
 *
 * @param name        qualified name
 * @param provider    the provider it came from
 * @param spec        its configuration
 * @param service     the qualified service name
 * @param middlewares qualified middleware names
 * @param priority    effective priority
 * @param origin      where it was defined
 * @param status      enabled or disabled, and why
 */
public record RouterView(String name, String provider, RouterSpec spec, String service, List<String> middlewares,
                         int priority, String origin, ElementStatus status) {
}
