package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The multi-node logic against the recorded responses of a three-node swarm's manager
 * ({@code src/test/resources/swarm/three-nodes/README.md} says what was recorded and what was edited).
 */
class SwarmTasksTest {

    private static final String SERVICE = "wmjna5uocw1pp21jgs2vjpczm";

    private static JsonNode recorded(String name) throws IOException {
        try (InputStream in = SwarmTasksTest.class.getResourceAsStream("/swarm/three-nodes/" + name)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void onlyNodesThatAreNotReadyAreUnreachable() throws IOException {
        assertThat(SwarmTasks.unreachableNodes(recorded("nodes.json"))).containsExactly("wrk2000000000000000000001");
    }

    @Test
    void tasksOnEveryReadyNodeAreRoutedAndTheDownNodesStaleTaskIsNot() throws IOException {
        JsonNode tasks = recorded("tasks.json");
        Map<String, List<Workload.Instance>> running = SwarmTasks.running(tasks,
                SwarmTasks.unreachableNodes(recorded("nodes.json")));
        assertThat(running).containsOnlyKeys(SERVICE);
        assertThat(running.get(SERVICE)).extracting(Workload.Instance::id, i -> i.networkIps().get("rec-net"),
                        Workload.Instance::draining)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("task1onmanager00000000001", "10.0.1.4", false),
                        org.assertj.core.groups.Tuple.tuple("task2onworker100000000001", "10.0.1.5", false),
                        org.assertj.core.groups.Tuple.tuple("task4stopping000000000001", "10.0.1.7", true));
    }

    @Test
    void withoutNodeStatesTheDownNodesTaskStays() throws IOException {
        // what a socket proxy that refuses /nodes leaves: no filter, Swarm's own replacement is the only cure
        assertThat(SwarmTasks.running(recorded("tasks.json"), Set.of()).get(SERVICE)).extracting(Workload.Instance::id)
                .contains("task3onworker200000000001").doesNotContain("task5starting000000000001");
    }
}
