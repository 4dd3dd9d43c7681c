package io.modelgate.discovery.decode;

import io.modelgate.discovery.config.WeightedSpec;
import io.modelgate.discovery.decode.ConfigNode.MapNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code weighted} service's tree, as Traefik writes it: {@code services[]} of {@code name} and {@code weight}
 * (default 1). {@code healthCheck: {}} is accepted: a service with no server to take a request is always skipped
 * here, which is what it asks Traefik for. {@code sticky} is refused rather than ignored, because without it
 * a user would move between the services on every request.
 */
final class WeightedDecoder {

    /** The keys of {@code weighted}, as Traefik spells them. */
    static final Set<String> KEYS = Set.of("services", "sticky", "healthCheck");

    private WeightedDecoder() {
    }

    static WeightedSpec fromTree(ConfigNode node) {
        MapNode m = Values.map(node, "weighted");
        Values.onlyKeys(m, KEYS, "weighted");
        ConfigNode sticky = m.get("sticky");
        if (sticky != null) {
            throw new ConfigException(sticky.origin(), "weighted.sticky is not supported yet");
        }
        ConfigNode health = m.get("healthCheck");
        if (health != null && !(health instanceof ConfigNode.Scalar s && s.value() == null)
                && !Values.map(health, "weighted.healthCheck").entries().isEmpty()) {
            throw new ConfigException(health.origin(), "weighted.healthCheck takes no options (it is {})");
        }
        ConfigNode services = m.get("services");
        if (!(services instanceof ConfigNode.ListNode list) || list.items().isEmpty()) {
            throw new ConfigException(services == null ? m.origin() : services.origin(),
                    "weighted.services must list at least one service (name and weight)");
        }
        List<WeightedSpec.Child> children = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            String what = "weighted.services[" + i + "]";
            MapNode child = Values.map(list.items().get(i), what);
            Values.onlyKeys(child, Set.of("name", "weight"), what);
            ConfigNode name = child.get("name");
            if (name == null) {
                throw new ConfigException(child.origin(), what + " has no name");
            }
            String n = Values.string(name, what + ".name").trim();
            if (n.isEmpty()) {
                throw new ConfigException(name.origin(), what + ".name is empty");
            }
            if (!seen.add(n)) {
                throw new ConfigException(name.origin(), "service " + n + " is listed twice in weighted.services");
            }
            children.add(new WeightedSpec.Child(n, Values.weight(child.get("weight"), what + ".weight")));
        }
        return new WeightedSpec(children);
    }
}
