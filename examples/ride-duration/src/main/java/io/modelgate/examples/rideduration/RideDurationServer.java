package io.modelgate.examples.rideduration;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Starts the model server: {@code java -jar ride-duration.jar} (or {@code … healthcheck} for the image's
 * HEALTHCHECK). Settings come from the environment: {@code PORT} (8000), {@code MODEL_NAME} (ride-duration),
 * the coefficients ({@link RideDurationModel#fromEnv}) and the demo switches ({@link Faults#fromEnv}).
 * On SIGTERM it stops accepting and gives in-flight requests two seconds, as a model server should during a
 * rolling update.
 */
public final class RideDurationServer implements AutoCloseable {

    private final HttpServer server;

    private RideDurationServer(HttpServer server) {
        this.server = server;
    }

    /** Starts on {@code address} with settings from {@code env}; invalid settings fail here, before any request. */
    public static RideDurationServer start(InetSocketAddress address, Map<String, String> env) throws IOException {
        ModelHandler handler = new ModelHandler(env.getOrDefault("MODEL_NAME", "ride-duration"),
                RideDurationModel.fromEnv(env), Faults.fromEnv(env), InetAddress.getLocalHost().getHostName());
        HttpServer server = HttpServer.create(address, 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", handler);
        server.start();
        return new RideDurationServer(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(2);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        if (args.length > 0 && args[0].equals("healthcheck")) {
            System.exit(HealthCheck.run(env));
        }
        int port = Integer.parseInt(env.getOrDefault("PORT", "8000"));
        RideDurationServer server;
        try {
            server = start(new InetSocketAddress(port), env);
        } catch (IllegalArgumentException e) {
            System.err.println("ride-duration: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("model " + env.getOrDefault("MODEL_NAME", "ride-duration") + " v"
                + env.getOrDefault("MODEL_VERSION", "1") + " listening on " + server.port());
    }
}
