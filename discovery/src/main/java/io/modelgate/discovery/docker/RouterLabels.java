package io.modelgate.discovery.docker;

import io.modelgate.discovery.decode.ConfigException;
import io.modelgate.discovery.decode.RouterDecoder;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One router of a workload from its {@code …http.routers.<name>.…} labels, into the workload's merge: the labels
 * become a tree and the file provider's {@link RouterDecoder} reads it, with the Docker provider's defaults for
 * what the labels leave out (the default rule rendered for the workload, the workload's only service). A bad or
 * unknown key drops the router and names the label.
 */
final class RouterLabels {

    private RouterLabels() {
    }

    static void decode(LabelDecoder.One wl, String name, Map<String, LabelView.Entry> options, Set<String> services) {
        RouterDecoder.Defaults defaults = new RouterDecoder.Defaults() {
            @Override
            public String rule(String router, String origin) {
                // Traefik's .Name is the normalized service name (compose service_project), not the container's
                try {
                    return wl.defaultRule().render(LabelDecoder.normalize(wl.implicitName()), wl.w.labels());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(wl.where, e.getMessage());
                }
            }

            @Override
            public String service(String router, String origin) {
                if (services.size() == 1) {
                    return services.iterator().next();
                }
                throw new ConfigException(wl.where, services.isEmpty()
                        ? "no service: the workload defines none and the router names none"
                        : "could not choose a service among " + new TreeSet<>(services) + ": set the router's service");
            }
        };
        try {
            wl.merge.router(name, RouterDecoder.decode(name, LabelTree.of(options, wl.where), defaults), wl.where);
        } catch (IllegalArgumentException e) {
            wl.problems.add(wl.problemOf("router " + name + "@docker", e, "the router is dropped"));
        }
    }
}
