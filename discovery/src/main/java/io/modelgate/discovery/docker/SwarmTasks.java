package io.modelgate.discovery.docker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Swarm's tasks as instances to route to, from the JSON of {@code GET /tasks} and {@code GET /nodes}. Only
 * a manager knows the tasks of every node, and for a task on another node no local event ever arrives; what
 * the manager says about that node is all there is. Two things follow:
 * <ul>
 *   <li>a task whose node is not {@code ready} (down, disconnected, unknown) still reads {@code running}
 *       until the node reports again — the manager cannot hear it stop — but nothing can reach it: its
 *       overlay address would only time out, so it gets no traffic;</li>
 *   <li>a task Swarm is stopping (desired {@code shutdown}, still {@code running}: a rolling update, a scale
 *       down, a drained node) is kept as draining, so it finishes what it has.</li>
 * </ul>
 */
final class SwarmTasks {

    private SwarmTasks() {
    }

    /** Ids of the nodes that are not {@code ready}; the tasks on them are unreachable. */
    static Set<String> unreachableNodes(JsonNode nodes) {
        Set<String> out = new HashSet<>();
        for (JsonNode n : nodes) {
            if (!"ready".equals(n.path("Status").path("State").asText())) {
                out.add(n.path("ID").asText());
            }
        }
        return out;
    }

    /** Running, reachable tasks by service id, with their addresses on each network but the ingress mesh. */
    static Map<String, List<Workload.Instance>> running(JsonNode tasks, Set<String> unreachableNodes) {
        Map<String, List<Workload.Instance>> out = new HashMap<>();
        for (JsonNode t : tasks) {
            if (!"running".equals(t.path("Status").path("State").asText())) {
                continue; // desired running but still starting (or already failing): no traffic yet
            }
            if (unreachableNodes.contains(t.path("NodeID").asText())) {
                continue;
            }
            Map<String, String> ips = new HashMap<>();
            for (JsonNode na : t.path("NetworksAttachments")) {
                String net = na.path("Network").path("Spec").path("Name").asText();
                JsonNode addresses = na.path("Addresses");
                // the routing-mesh network of published ports is never where a proxy should reach a task
                boolean ingress = na.path("Network").path("Spec").path("Ingress").asBoolean(false);
                if (!net.isEmpty() && !ingress && addresses.size() > 0) {
                    ips.put(net, addresses.get(0).asText().replaceAll("/.*", ""));
                }
            }
            boolean draining = !"running".equals(t.path("DesiredState").asText());
            out.computeIfAbsent(t.path("ServiceID").asText(), k -> new ArrayList<>())
                    .add(new Workload.Instance(t.path("ID").asText(), ips, Workload.Health.NONE, draining));
        }
        return out;
    }
}
