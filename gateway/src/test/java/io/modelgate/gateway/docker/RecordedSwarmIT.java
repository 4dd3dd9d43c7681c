package io.modelgate.gateway.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelgate.gateway.testsupport.GatewayInstance;
import io.modelgate.gateway.testsupport.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A three-node swarm as its manager answers, replayed: the real gateway, with its real Docker client, reads
 * the recorded API responses of {@code discovery/src/test/resources/swarm/three-nodes/} from a loopback
 * endpoint, and routes to real backends that stand in for the tasks (each task's overlay address is rewritten
 * to a loopback address of its own). Docker-in-docker nodes cannot run on these machines (no privileges, see
 * docs/scaling.md), so this is how "tasks on other nodes", scaling on a worker and a worker going down are
 * tested.
 */
class RecordedSwarmIT {

    private static final Path RECORDED = Path.of("..", "discovery", "src", "test", "resources", "swarm", "three-nodes");
    /** Task overlay address → the loopback address its stand-in listens on. */
    private static final Map<String, String> STAND_INS = Map.of("10.0.1.4", "127.0.0.14", "10.0.1.5", "127.0.0.15",
            "10.0.1.6", "127.0.0.16", "10.0.1.7", "127.0.0.17", "10.0.1.8", "127.0.0.18", "10.0.1.9", "127.0.0.19");

    @TempDir
    Path dir;

    private final Map<String, HttpServer> backends = new HashMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String nodes;
    private volatile String tasks;
    private HttpServer engine;
    private int port;

    @AfterEach
    void tearDown() {
        stop.countDown();
        backends.values().forEach(b -> b.stop(0));
        if (engine != null) {
            engine.stop(0);
        }
    }

    @Test
    void tasksOnEveryReadyNodeAreRoutedScalingIsFollowedAndADownNodesTasksLeaveTheRotation() throws Exception {
        HttpServer first = backend("127.0.0.14", 0);
        port = first.getAddress().getPort();
        for (String ip : STAND_INS.values()) {
            if (!ip.equals("127.0.0.14")) {
                backend(ip, port);
            }
        }
        nodes = read("nodes.json").replace("\"State\": \"down\"", "\"State\": \"ready\""); // all three ready at first
        tasks = tasksWithStandIns(read("tasks.json"));
        startEngine();
        try (GatewayInstance gw = new GatewayInstance(dir, "http: {}\n", "--modelgate.providers.docker.enabled=true",
                "--modelgate.providers.docker.swarm-mode=true",
                "--modelgate.providers.docker.endpoint=tcp://127.0.0.1:" + engine.getAddress().getPort())) {
            await().atMost(Duration.ofSeconds(15)).until(() -> status(gw) == 200);

            Map<String, Integer> spread = send(gw, 30);
            assertThat(spread).as("manager, worker-1 and worker-2 tasks; not the stopping or the starting one")
                    .containsOnlyKeys("127.0.0.14", "127.0.0.15", "127.0.0.16");
            assertThat(spread.values()).allSatisfy(n -> assertThat(n).isEqualTo(10));

            // scale up on worker-1: a sixth task starts running there
            tasks = tasks.replaceFirst("]\\s*$", "," + extraTask() + "]");
            await().atMost(Duration.ofSeconds(5)).until(() -> send(gw, 8).containsKey("127.0.0.19"));

            // worker-2 goes down: the manager says so and its task still reads running. Its stand-in keeps
            // answering here (a real one would be unreachable, every request to it a connect timeout), so any
            // request still sent there shows
            nodes = read("nodes.json");
            await().atMost(Duration.ofSeconds(5)).until(() -> !send(gw, 8).containsKey("127.0.0.16"));
            assertThat(send(gw, 30)).as("worker-2's task is out of the rotation")
                    .containsOnlyKeys("127.0.0.14", "127.0.0.15", "127.0.0.19");

            // and back: worker-2 reports again, with its task still running
            nodes = read("nodes.json").replace("\"State\": \"down\"", "\"State\": \"ready\"");
            await().atMost(Duration.ofSeconds(5)).until(() -> send(gw, 8).containsKey("127.0.0.16"));
        }
    }

    /** Sends {@code n} requests one after the other; which stand-in answered each (or "failed"). */
    private Map<String, Integer> send(GatewayInstance gw, int n) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String who;
            try {
                RawHttp.Response r = RawHttp.exchange(gw.port(),
                        "GET /api/v1/sentiment/predict HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n");
                who = r.status() == 200 ? r.bodyText() : "failed";
            } catch (IOException e) {
                who = "failed";
            }
            out.merge(who, 1, Integer::sum);
        }
        return out;
    }

    private static int status(GatewayInstance gw) {
        try {
            return RawHttp.exchange(gw.port(), "GET /api/v1/sentiment/x HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n").status();
        } catch (IOException e) {
            return -1;
        }
    }

    private String tasksWithStandIns(String json) {
        String out = json;
        for (Map.Entry<String, String> e : STAND_INS.entrySet()) {
            out = out.replace("\"" + e.getKey() + "/24\"", "\"" + e.getValue() + "/8\"");
        }
        return out;
    }

    /** A copy of worker-1's running task as a new task of the same service. */
    private String extraTask() throws IOException {
        String task2 = tasksWithStandIns(read("tasks.json"));
        int start = task2.lastIndexOf("\n {", task2.indexOf("task2onworker1"));
        int end = task2.indexOf("\n }", start) + 3;
        return task2.substring(start, end).replace("task2onworker100000000001", "task6onworker100000000001")
                .replace("127.0.0.15/8", "127.0.0.19/8");
    }

    private static String read(String name) throws IOException {
        return Files.readString(RECORDED.resolve(name));
    }

    private HttpServer backend(String ip, int p) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(ip, p), 64);
        s.createContext("/", ex -> reply(ex, 200, ip));
        s.start();
        backends.put(ip, s);
        return s;
    }

    /** The recorded engine: the five listing calls, and an event stream that stays open and silent. */
    private void startEngine() throws IOException {
        engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        engine.setExecutor(Executors.newCachedThreadPool());
        engine.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath().replaceFirst("^/v1\\.\\d+", "");
            switch (path) {
                case "/version" -> reply(ex, 200, read("version.json"));
                case "/networks" -> reply(ex, 200, read("networks.json"));
                case "/services" -> reply(ex, 200, read("services.json").replace(".loadbalancer.server.port\": \"8000\"", ".loadbalancer.server.port\": \"" + port + "\""));
                case "/tasks" -> reply(ex, 200, tasks);
                case "/nodes" -> reply(ex, 200, nodes);
                case "/events" -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, 0);
                    ex.getResponseBody().flush();
                    try {
                        stop.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ex.close();
                }
                default -> reply(ex, 404, "{\"message\":\"not recorded: " + path + "\"}");
            }
        });
        engine.start();
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", body.startsWith("{") || body.startsWith("[") ? "application/json" : "text/plain");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
