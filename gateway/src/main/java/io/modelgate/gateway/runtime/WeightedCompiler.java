package io.modelgate.gateway.runtime;

import io.modelgate.discovery.QualifiedName;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.WeightedSpec;
import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.lb.WeightedServices;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One step of a {@link Compilation}: the weighted services, over the load balancers compiled before them. A
 * service a weighted one names must be a load balancer that compiled; a missing, disabled or weighted one
 * (nesting is not supported yet) disables it, with the reason, and so its routers.
 */
final class WeightedCompiler {

    private WeightedCompiler() {
    }

    static void compile(Compilation c) {
        for (Map.Entry<String, Compilation.Element<ServiceSpec>> e : c.services.entrySet()) {
            WeightedSpec spec = e.getValue().spec().weighted();
            if (spec == null) {
                continue;
            }
            String name = e.getKey();
            List<String> errors = new ArrayList<>();
            List<ServicePool> children = new ArrayList<>();
            int[] weights = new int[spec.services().size()];
            for (WeightedSpec.Child child : spec.services()) {
                String q = QualifiedName.qualify(child.name(), e.getValue().provider());
                c.usedBy.computeIfAbsent(q, k -> new LinkedHashSet<>()).add(name);
                ServicePool pool = c.pools.get(q);
                if (pool != null) {
                    weights[children.size()] = child.weight();
                    children.add(pool);
                } else if (c.services.containsKey(q) && c.services.get(q).spec().weighted() != null) {
                    errors.add("service " + q + " is weighted itself: a weighted service of weighted services is not supported yet");
                } else {
                    errors.add(c.absent("service", q, c.services.containsKey(q)));
                }
            }
            if (errors.isEmpty()) {
                c.weighted.put(name, new WeightedServices(name, children, weights));
            } else {
                c.serviceErrors.put(name, errors);
                c.report("service", name, e.getValue(), errors);
            }
        }
    }
}
