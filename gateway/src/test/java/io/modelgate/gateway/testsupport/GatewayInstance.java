package io.modelgate.gateway.testsupport;

import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.ModelgateApplication;
import io.modelgate.gateway.proxy.EntrypointServer;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real gateway application in this JVM, on free ports, configured by a routes file the test owns.
 * {@link #writeRoutes} replaces the file atomically and waits until the gateway applied it.
 */
public final class GatewayInstance implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ConfigurableApplicationContext context;
    private final Path routes;
    private final Path accessLog;

    public GatewayInstance(Path dir, String routesYaml, String... extraArgs) throws IOException {
        this.routes = dir.resolve("routes.yml");
        this.accessLog = dir.resolve("access.log");
        Files.writeString(routes, routesYaml);
        List<String> args = new ArrayList<>();
        if (List.of(extraArgs).stream().noneMatch(a -> a.startsWith("--modelgate.entrypoints.web.port="))) {
            args.add("--modelgate.entrypoints.web.port=0"); // a test that needs a known port sets it
        }
        args.addAll(List.of(
                "--modelgate.entrypoints.web.address=127.0.0.1",
                "--modelgate.admin.port=0",
                "--modelgate.providers.file.path=" + routes,
                "--modelgate.access-log.path=" + accessLog));
        args.addAll(List.of(extraArgs));
        context = new SpringApplicationBuilder(ModelgateApplication.class).run(args.toArray(String[]::new));
    }

    public int port() {
        return context.getBean(EntrypointServer.class).port();
    }

    /** The bound port of the named entry point. */
    public int port(String entrypoint) {
        return context.getBean(EntrypointServer.class).port(entrypoint);
    }

    public int adminPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public long generation() {
        return context.getBean(RuntimeConfigHolder.class).generation();
    }

    public Path accessLog() {
        return accessLog;
    }

    /** Replaces the routes file (write + atomic rename) and waits until a new configuration is live. */
    public void writeRoutes(String yaml) throws IOException {
        long before = generation();
        Path tmp = routes.resolveSibling("routes.yml.tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, routes, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        await().atMost(Duration.ofSeconds(5)).until(() -> generation() > before);
    }

    /** GET on the admin port, parsed. */
    public JsonNode admin(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    public String adminText(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Override
    public void close() {
        context.close();
    }
}
