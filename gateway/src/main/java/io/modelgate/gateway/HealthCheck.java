package io.modelgate.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code java -jar modelgate-gateway.jar healthcheck}: exit 0 if the admin {@code /ping} on this host
 * answers {@code OK}. For Docker HEALTHCHECK in images that have no curl; starts no Spring context.
 */
final class HealthCheck {

    private HealthCheck() {
    }

    /**
     * The gateway's own arguments (after {@code -jar <jar>}) when it is PID 1 of this container, so that a
     * port set by flags (Traefik's {@code --entrypoints.traefik.address}, {@code --api.insecure}) is found.
     */
    private static String[] gatewayArgs() {
        try {
            String[] cmd = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/1/cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).split("\0");
            for (int i = 0; i < cmd.length - 1; i++) {
                if (cmd[i].equals("-jar") && cmd[i + 1].endsWith("modelgate-gateway.jar")) {
                    return java.util.Arrays.copyOfRange(cmd, i + 2, cmd.length);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not in a container, or not allowed: the environment and defaults decide
        }
        return new String[0];
    }

    static int run(Map<String, String> env) {
        String port = io.modelgate.gateway.traefik.TraefikStartup.adminPort(gatewayArgs(), env);
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().strip().equals("OK") ? 0 : 1;
        } catch (Exception e) {
            System.err.println("modelgate healthcheck: " + e);
            return 1;
        }
    }
}
