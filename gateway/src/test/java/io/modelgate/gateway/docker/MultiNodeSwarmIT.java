package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Info;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The gateway on a real three-node swarm on this machine ({@link DindSwarm}: a manager and two workers, each a
 * Docker engine in a container): the gateway image loaded into the manager and run there as a swarm service
 * (placement {@code node.role==manager}, the manager's socket), a model service with its tasks on the workers
 * ({@code node.role==worker}), on an attachable overlay network across the nodes. The client is inside the
 * manager (busybox wget in the gateway's container, to its own entry point), so nothing here depends on
 * publishing ports out of the nested engines.
 *
 * <p>The model is a stand-in with an identity: busybox httpd answering {@code /m/} with its task container's
 * hostname (its container ID), so every answer says which task served it. The client's time limit is
 * coreutils' {@code timeout}: Debian 12's busybox wget crashes (SIGSEGV) when given {@code -T}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class MultiNodeSwarmIT {

    static DockerLab lab;
    static DindSwarm swarm;
    static String gateway;

    @BeforeAll
    static void build() throws Exception {
        lab = new DockerLab();
        Info info = lab.docker().infoCmd().exec();
        Assumptions.assumeTrue(info.getServerVersion() != null, "needs a Docker engine");
        String image = lab.buildImage(SwarmStackIT.context(".", "modelgate-gateway.jar"), "gateway");
        swarm = new DindSwarm(lab, 2);
        swarm.load(image, "manager");
        swarm.load(DockerLab.BASE_IMAGE, "worker1");
        swarm.load(DockerLab.BASE_IMAGE, "worker2");
        swarm.manager("network", "create", "-d", "overlay", "--attachable", "models");
        swarm.manager("service", "create", "-d", "--name", "gateway", "--constraint", "node.role==manager",
                "--network", "models", "--label", "modelgate.enable=false",
                "--mount", "type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock,readonly",
                "-e", "MODELGATE_PROVIDERS_DOCKER_ENABLED=true", "-e", "MODELGATE_PROVIDERS_DOCKER_SWARMMODE=true",
                "-e", "MODELGATE_PROVIDERS_DOCKER_NETWORK=models", image);
        // at most two per worker: four replicas are two on each, and a stopped worker's tasks have nowhere to go
        swarm.manager("service", "create", "-d", "--name", "model", "--constraint", "node.role==worker",
                "--replicas", "2", "--replicas-max-per-node", "2", "--network", "models",
                "--label", "modelgate.http.routers.m.rule=PathPrefix(`/m`)",
                "--label", "modelgate.http.services.m.loadbalancer.server.port=8000",
                DockerLab.BASE_IMAGE, "sh", "-c", "mkdir -p /w/m && hostname > /w/m/index.html && exec busybox httpd -f -p 8000 -h /w");
        gateway = await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            String id = swarm.manager("ps", "-q", "--filter", "label=com.docker.swarm.service.name=gateway",
                    "--filter", "health=healthy").strip();
            return id.isEmpty() || id.contains("\n") ? null : id;
        }, id -> id != null);
    }

    @AfterAll
    static void remove() throws Exception {
        if (lab == null) {
            return;
        }
        try {
            if (gateway != null) {
                System.out.println(swarm.manager("service", "ps", "--no-trunc", "model"));
                System.out.println(swarm.manager("logs", "--tail", "20", gateway));
            }
        } catch (Exception e) {
            System.out.println("no last words from the manager: " + e.getMessage());
        } finally {
            lab.close(); // the node containers, and with them everything inside them; their image and network
        }
    }

    /** {@code n} requests through the gateway, one after another: each answer's task, or FAIL. */
    static List<String> calls(int n) throws Exception {
        String out = swarm.manager("exec", gateway, "sh", "-c", "for i in $(seq 1 " + n + "); do "
                + "timeout 20 busybox wget -q -O- http://127.0.0.1:8080/m/ 2>/dev/null || echo FAIL; done");
        return Arrays.stream(out.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The model's running tasks: container ID (12 characters, the task's hostname) → node name. */
    static Map<String, String> runningTasks() throws Exception {
        Map<String, String> nodes = new HashMap<>();
        for (String line : swarm.manager("node", "ls", "--format", "{{.ID}} {{.Hostname}}").split("\n")) {
            String[] f = line.strip().split(" ");
            nodes.put(f[0], f[1]);
        }
        Map<String, String> tasks = new HashMap<>();
        String ids = swarm.manager("service", "ps", "-q", "--no-trunc", "--filter", "desired-state=running", "model").strip();
        for (String task : ids.isEmpty() ? new String[0] : ids.split("\n")) {
            String[] f = swarm.manager("inspect", "--type", "task", "-f", "{{.Status.State}} {{.Status.ContainerStatus.ContainerID}} {{.NodeID}}",
                    task.strip()).strip().split(" ");
            if (f[0].equals("running")) {
                tasks.put(f[1].substring(0, 12), nodes.getOrDefault(f[2], f[2]));
            }
        }
        return tasks;
    }

    /** How many servers the gateway has for the model's service (its API, on its admin port). */
    static int servers() throws Exception {
        String body = swarm.manager("exec", gateway, "busybox", "wget", "-q", "-O-", "http://127.0.0.1:8081/api/http/services/m@docker");
        return body.split("\"url\"", -1).length - 1;
    }

    /** Waits until the gateway answers from exactly the running tasks, {@code count} of them. */
    static Map<String, String> awaitRoutedTo(int count) {
        String[] last = {"nothing yet"};
        try {
            return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                try {
                    Map<String, String> tasks = runningTasks();
                    int servers = servers();
                    Set<String> answered = Set.copyOf(calls(4 * count));
                    last[0] = "running tasks " + tasks + ", gateway servers " + servers + ", answered by " + answered;
                    return tasks.size() == count && servers == count && answered.equals(tasks.keySet()) ? tasks : null;
                } catch (Exception e) {
                    last[0] = e.toString();
                    return null;
                }
            }, t -> t != null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not routed to " + count + " task(s) within 120 s; last seen: " + last[0], e);
        }
    }

    @Test
    @Order(1)
    void tasksOnTheWorkersAreRoutedFromTheGatewayOnTheManager() throws Exception {
        Map<String, String> tasks = awaitRoutedTo(2);

        assertThat(Set.copyOf(tasks.values())).as("spread over both workers").containsExactlyInAnyOrder("worker1", "worker2");
        assertThat(swarm.manager("ps", "-q", "--filter", "label=com.docker.swarm.service.name=model")).as("none on the manager").isBlank();
        List<String> answers = calls(20);
        assertThat(answers).doesNotContain("FAIL");
        assertThat(Set.copyOf(answers)).isEqualTo(tasks.keySet());
    }

    @Test
    @Order(2)
    void scalingOnTheWorkersIsFollowed() throws Exception {
        swarm.manager("service", "scale", "-d", "model=4");
        Map<String, String> four = awaitRoutedTo(4);
        assertThat(four.values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting())))
                .containsOnly(Map.entry("worker1", 2L), Map.entry("worker2", 2L));

        swarm.manager("service", "scale", "-d", "model=1");
        Map<String, String> one = awaitRoutedTo(1);
        assertThat(four).containsAllEntriesOf(one);
        assertThat(calls(10)).containsOnly(one.keySet().iterator().next());
    }

    /**
     * Two clients call without pause while worker2's node container is stopped (no goodbye: its engine and tasks
     * just go silent, no reset comes back). Until the manager marks the node down, a request the gateway sends to
     * one of its tasks gets no answer — a new connection only times out (and is retried on another server), a
     * kept-alive one swallows the request — so each client can lose the one request it had in flight there, and
     * nothing more: once the node is down, its tasks are out of rotation.
     */
    @Test
    @Order(3)
    void aWorkerGoingDownTakesItsTasksOutOfRotationLosingAtMostTheRequestsInFlight() throws Exception {
        swarm.manager("service", "scale", "-d", "model=4");
        Map<String, String> tasks = awaitRoutedTo(4);
        Set<String> survivors = tasks.entrySet().stream().filter(e -> e.getValue().equals("worker1"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        int clients = 2;
        for (int c = 0; c < clients; c++) {
            // one line per request: its start and end (epoch seconds) and the answering task or FAIL
            swarm.manager("exec", "-d", gateway, "sh", "-c", "while [ ! -e /tmp/stop ]; do s=$(date +%s); "
                    + "a=$(timeout 30 busybox wget -q -O- http://127.0.0.1:8080/m/ 2>/dev/null) || a=FAIL; [ -n \"$a\" ] || a=EMPTY; "
                    + "echo \"$s $(date +%s) $a\" >> /tmp/load." + c + "; done; touch /tmp/done." + c);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> total(answers(clients)) >= 50);

        long stopped = System.currentTimeMillis() / 1000;
        swarm.stop("worker2");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> servers() == 2);
        long down = System.currentTimeMillis() / 1000;
        List<Integer> atDown = answers(clients).stream().map(List::size).toList();
        // every client, not just the fastest, answered 20 more: one may still be waiting out a lost request
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            List<List<String>> now = answers(clients);
            return java.util.stream.IntStream.range(0, clients).allMatch(c -> now.get(c).size() >= atDown.get(c) + 20);
        });
        swarm.manager("exec", gateway, "touch", "/tmp/stop");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                swarm.manager("exec", gateway, "sh", "-c", "ls /tmp/done.* 2>/dev/null | wc -l").strip().equals(Integer.toString(clients)));

        List<List<String>> all = answers(clients);
        long failed = all.stream().flatMap(List::stream).filter("FAIL"::equals).count();
        String failures = failures(clients, stopped);
        System.out.printf("worker down under load: %d requests, %d failed, %d answered after the node was down;"
                + " gateway lost the node's servers %d s after the stop; failed requests (start..end s after the stop): %s%n",
                total(all), failed, total(all) - atDown.stream().mapToInt(n -> n).sum(), down - stopped, failures);
        assertThat(failed).as("at most the request in flight per client; failed: %s", failures).isLessThanOrEqualTo(clients);
        for (int c = 0; c < clients; c++) {
            assertThat(all.get(c).subList(atDown.get(c), all.get(c).size())).as("client %d once the node was down", c)
                    .filteredOn(a -> !a.equals("FAIL")).isNotEmpty().allMatch(survivors::contains);
        }
    }

    /** What each load client wrote so far: one entry per request, the answering task or FAIL. */
    static List<List<String>> answers(int clients) throws Exception {
        List<List<String>> out = new java.util.ArrayList<>();
        for (List<String[]> lines : loadLines(clients)) {
            out.add(lines.stream().map(f -> f[2]).toList());
        }
        return out;
    }

    /** Each client's failed requests as {@code client:start..end}, in seconds after {@code stopped}. */
    static String failures(int clients, long stopped) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        List<List<String[]>> all = loadLines(clients);
        for (int c = 0; c < clients; c++) {
            for (String[] f : all.get(c)) {
                if (f[2].equals("FAIL")) {
                    out.add(c + ":" + (Long.parseLong(f[0]) - stopped) + ".." + (Long.parseLong(f[1]) - stopped));
                }
            }
        }
        return out.toString();
    }

    /** The load clients' lines split into start, end and answer; a line still being written is left out. */
    static List<List<String[]>> loadLines(int clients) throws Exception {
        List<List<String[]>> out = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String text = swarm.manager("exec", gateway, "sh", "-c", "cat /tmp/load." + c + " 2>/dev/null || true");
            out.add(Arrays.stream(text.split("\n")).map(String::strip).map(l -> l.split(" "))
                    .filter(f -> f.length == 3).toList());
        }
        return out;
    }

    static int total(List<List<String>> answers) {
        return answers.stream().mapToInt(List::size).sum();
    }
}
