package io.modelgate.gateway.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real multi-node swarm on this machine: Docker engines in containers ("docker-in-docker" nodes, from
 * {@code swarm/dind/node-image.sh}: the host's own engine binaries, no registry) on one bridge network, joined
 * into a swarm, one manager and the rest workers. Everything it starts carries the {@link DockerLab} run's
 * label, so the lab's cleanup removes the nodes (and with them every container, image and network inside them).
 *
 * <p>The nodes are not {@code --privileged}: this host's capability bounding set lacks
 * {@code CAP_SYS_RESOURCE}, and runc refuses a container asking for it. They get every other capability and no
 * seccomp, AppArmor or masked system paths, and remount their cgroup hierarchies read-write, which is all the
 * inner engine needs (docs/docker.md, "A real multi-node swarm on one machine").
 */
final class DindSwarm {

    private final DockerLab lab;
    private final String network;
    private final List<String> nodes = new ArrayList<>();

    /** Builds the node image and starts {@code manager} plus {@code workers} nodes, joined into one swarm. */
    DindSwarm(DockerLab lab, int workers) throws Exception {
        this.lab = lab;
        String image = "modelgate-it/dind-node:" + lab.run();
        host(Duration.ofSeconds(300), "../swarm/dind/node-image.sh", image, DockerLab.LABEL + "=" + lab.run());
        network = lab.run() + "-nodes";
        SwarmStackIT.docker(Map.of(), "network", "create", "--label", DockerLab.LABEL + "=" + lab.run(), network);
        List<String> names = new ArrayList<>(List.of("manager"));
        for (int i = 1; i <= workers; i++) {
            names.add("worker" + i);
        }
        for (String name : names) {
            SwarmStackIT.docker(Map.of(), "run", "-d", "--name", lab.run() + "-" + name, "--hostname", name,
                    "--cap-add", "ALL", "--cap-drop", "SYS_RESOURCE", "--security-opt", "seccomp=unconfined",
                    "--security-opt", "apparmor=unconfined", "--security-opt", "systempaths=unconfined",
                    "--label", DockerLab.LABEL + "=" + lab.run(), "--network", network, image);
            nodes.add(name);
        }
        for (String name : names) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> !exec(name, "docker", "info", "--format", "{{.ServerVersion}}").isBlank());
            // the node sees the host's cgroup hierarchies read-only; its containers need to create groups there
            exec(name, "sh", "-c", "for d in /sys/fs/cgroup/*; do busybox mount -o remount,rw,bind \"$d\"; done");
        }
        exec("manager", "docker", "swarm", "init", "--advertise-addr", address("manager"));
        String token = exec("manager", "docker", "swarm", "join-token", "-q", "worker").strip();
        for (String name : names.subList(1, names.size())) {
            exec(name, "docker", "swarm", "join", "--token", token, address("manager") + ":2377");
        }
    }

    /** The node container's name on this (the outer) engine. */
    String container(String node) {
        return lab.run() + "-" + node;
    }

    /** Runs a command in a node (its own docker CLI talks to the node's engine); returns stdout. */
    String exec(String node, String... command) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("exec", container(node)));
        args.addAll(List.of(command));
        return SwarmStackIT.docker(Map.of(), args.toArray(String[]::new));
    }

    /** Runs a command on the manager's engine: {@code docker <args>} there. */
    String manager(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return exec("manager", command.toArray(String[]::new));
    }

    /** Copies an image of this engine into a node's engine ({@code docker save | docker exec -i node docker load}). */
    void load(String image, String node) throws IOException, InterruptedException {
        host(Duration.ofSeconds(300), "bash", "-o", "pipefail", "-c",
                "docker save \"$0\" | docker exec -i \"$1\" docker load -q", image, container(node));
    }

    /** Stops a node's container, as a machine that loses power: its engine and tasks go silent. */
    void stop(String node) throws IOException, InterruptedException {
        SwarmStackIT.docker(Map.of(), "stop", "-t", "0", container(node));
    }

    private String address(String node) throws IOException, InterruptedException {
        return SwarmStackIT.docker(Map.of(), "inspect", "-f",
                "{{(index .NetworkSettings.Networks \"" + network + "\").IPAddress}}", container(node)).strip();
    }

    private static void host(Duration limit, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("dind", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
