package io.modelgate.gateway.runtime;

import java.util.List;
import java.util.Set;

/**
 * The last step of a {@link Compilation}: the API's views of the services and middlewares, with their status
 * and who uses them, once every router has named what it uses.
 */
final class ElementViews {

    private ElementViews() {
    }

    static void build(Compilation c) {
        for (var e : c.services.entrySet()) {
            String name = e.getKey();
            List<String> errors = c.serviceErrors.get(name);
            ElementStatus status = errors != null ? ElementStatus.disabled(errors)
                    : c.weighted.containsKey(name) ? (c.weighted.get(name).isEmpty()
                            ? ElementStatus.warning(List.of("none of its services has a server: requests get 503"))
                            : ElementStatus.ENABLED)
                    : c.pools.get(name).isEmpty() ? ElementStatus.warning(List.of("no servers: requests get 503"))
                    : ElementStatus.ENABLED;
            c.serviceViews.put(name, new ServiceView(name, e.getValue().provider(), e.getValue().spec(),
                    List.copyOf(c.usedBy.getOrDefault(name, Set.of())), e.getValue().origin(), status, c.pools.get(name)));
        }
        for (var e : c.middlewares.entrySet()) {
            String name = e.getKey();
            List<String> errors = c.middlewareErrors.get(name);
            List<String> warnings = c.middlewareWarnings.get(name);
            c.middlewareViews.put(name, new MiddlewareView(name, e.getValue().provider(), e.getValue().spec(),
                    List.copyOf(c.usedBy.getOrDefault(name, Set.of())), e.getValue().origin(),
                    errors != null ? ElementStatus.disabled(errors)
                            : warnings != null ? ElementStatus.warning(warnings) : ElementStatus.ENABLED));
        }
    }
}
