package io.modelgate.gateway.docker;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The model container the Docker tests run (copied into a test image, started with {@code java}): answers
 * every path with which instance it is, so tests can see load balancing and stickiness. On SIGTERM it stops
 * accepting and finishes what is in flight, as a well-behaved model server does during a rolling update.
 */
public final class ModelServer {

    private ModelServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8000"));
        String model = System.getenv().getOrDefault("MODEL_NAME", "model");
        String version = System.getenv().getOrDefault("MODEL_VERSION", "1");
        String instance = InetAddress.getLocalHost().getHostName();
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> sessions = new java.util.concurrent.ConcurrentHashMap<>();
        server.createContext("/", exchange -> {
            // a stateful server's in-memory state, as Prodigy keeps its queues: a counter per ?session=
            String query = exchange.getRequestURI().getRawQuery();
            String session = query != null && query.startsWith("session=") ? query.substring(8).split("&")[0] : "";
            int count = session.isEmpty() ? 0
                    : sessions.computeIfAbsent(session, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
            String user = String.valueOf(exchange.getRequestHeaders().getFirst("X-Auth-User"));
            byte[] body = ("{\"model\":\"" + model + "\",\"version\":\"" + version + "\",\"instance\":\"" + instance
                    + "\",\"path\":\"" + exchange.getRequestURI().getRawPath() + "\",\"count\":" + count
                    + ",\"user\":\"" + user.replaceAll("[^A-Za-z0-9@._+-]", "?") + "\"}\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("X-Instance", instance);
            // a model that fails: paths ending in /fail answer 500, as a crashing inference would
            int status = exchange.getRequestURI().getRawPath().endsWith("/fail") ? 500 : 200;
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // Watchful's liveness probe, separate from Docker's /health: POST /ruok?down or ?up switches it, so a
        // test can make the gateway's health check fail while Docker still sees the container healthy
        java.util.concurrent.atomic.AtomicBoolean ok = new java.util.concurrent.atomic.AtomicBoolean(true);
        server.createContext("/ruok", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                ok.set(!"down".equals(exchange.getRequestURI().getRawQuery()));
            }
            byte[] body = (ok.get() ? "imok\n" : "not ok\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ok.get() ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(2)));
        server.start();
        System.out.println("model " + model + " v" + version + " listening on " + port + " as " + instance);
    }
}
