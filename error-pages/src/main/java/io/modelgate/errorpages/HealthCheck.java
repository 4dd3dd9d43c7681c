package io.modelgate.errorpages;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code java -jar modelgate-error-pages.jar healthcheck}: exit 0 if {@code /ping} on this host answers
 * {@code OK}. For Docker HEALTHCHECK in images that have no curl; starts no Spring context.
 */
final class HealthCheck {

    private HealthCheck() {
    }

    /** @param env the process environment; {@code SERVER_PORT} (as Spring Boot reads it) or 8090 */
    static int run(Map<String, String> env) {
        String port = env.getOrDefault("SERVER_PORT", "8090");
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().strip().equals("OK") ? 0 : 1;
        } catch (Exception e) {
            System.err.println("modelgate error-pages healthcheck: " + e);
            return 1;
        }
    }
}
