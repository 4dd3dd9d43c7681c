package io.modelgate.examples.rideduration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * {@code java -jar ride-duration.jar healthcheck}: exit 0 if {@code /health} on this host answers 200. For the
 * image's HEALTHCHECK, which has no curl; it loads no JSON library.
 */
final class HealthCheck {

    private HealthCheck() {
    }

    static int run(Map<String, String> env) {
        String port = env.getOrDefault("PORT", "8000");
        try {
            HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? 0 : 1;
        } catch (Exception e) {
            System.err.println("ride-duration healthcheck: " + e);
            return 1;
        }
    }
}
