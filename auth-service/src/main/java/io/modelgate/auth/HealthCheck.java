package io.modelgate.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code java -jar modelgate-auth.jar healthcheck}: exit 0 when {@code /ping} answers, for Docker's HEALTHCHECK (no curl in the image). */
final class HealthCheck {

    private HealthCheck() {
    }

    /** @param args the jar's arguments: a {@code --server.port=…} among them wins over {@code SERVER_PORT} */
    static int run(String[] args) {
        String port = System.getenv().getOrDefault("SERVER_PORT", "9091");
        for (String arg : args) {
            if (arg.startsWith("--server.port=")) {
                port = arg.substring("--server.port=".length());
            }
        }
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? 0 : 1;
        } catch (Exception e) {
            return 1;
        }
    }
}
