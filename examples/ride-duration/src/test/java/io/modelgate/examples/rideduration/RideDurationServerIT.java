package io.modelgate.examples.rideduration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The real server on a loopback port, called over HTTP. */
class RideDurationServerIT {

    static RideDurationServer server;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = RideDurationServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Map.of("MODEL_NAME", "eta", "MODEL_VERSION", "7"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> send(String method, String pathAndQuery, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(HttpResponse<String> r) {
        return JsonMapper.builder().build().readValue(r.body(), Map.class);
    }

    @Test
    void predictsJsonInJsonOutUnderAnyPrefix() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/eta/predict",
                "{\"PULocationID\": 43, \"DOLocationID\": 151, \"trip_distance\": 2.0, \"extra\": true}", "X-Auth-User", "alice");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
        Map<String, Object> answer = json(r);
        assertThat(answer.get("duration")).isEqualTo(11.0);
        assertThat(answer.get("model")).isEqualTo("eta");
        assertThat(answer.get("model_version")).isEqualTo("7");
        assertThat(answer.get("user")).isEqualTo("alice");
        assertThat(answer.get("instance")).isEqualTo(r.headers().firstValue("X-Instance").orElseThrow());
        assertThat(send("POST", "/predict", "{\"trip_distance\": 0}").body()).contains("\"duration\":4.0");
    }

    @Test
    void health() throws Exception {
        HttpResponse<String> r = send("GET", "/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).containsEntry("status", "ok").containsEntry("model", "eta");
        assertThat(send("DELETE", "/health", null).statusCode()).isEqualTo(405);
    }

    @Test
    void badRequestsGetAJsonErrorNotAStackTrace() throws Exception {
        HttpResponse<String> broken = send("POST", "/predict", "{\"trip_distance\": ");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("error").toString()).startsWith("the body must be a JSON object").doesNotContain("at tools.");
        assertThat(send("POST", "/predict", "{}").body()).contains("trip_distance is required");
        assertThat(send("POST", "/predict", "").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/predict", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/predict", "{\"trip_distance\": 1}" + " ".repeat(ModelHandler.MAX_BODY_BYTES)).statusCode())
                .isEqualTo(413);
        HttpResponse<String> get = send("GET", "/predict", null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        assertThat(send("GET", "/", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/predict?fail=200", "{\"trip_distance\": 1}").body()).contains("400-599");
    }

    @Test
    void failureModeAnswersTheAskedStatus() throws Exception {
        HttpResponse<String> r = send("POST", "/predict?fail=503", "{\"trip_distance\": 1}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("error")).isEqualTo("failure mode: answering 503");
        assertThat(send("GET", "/health", null).statusCode()).isEqualTo(200); // the container stays healthy
    }

    @Test
    void slowModeAnswersNoEarlierThanAsked() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = send("POST", "/predict?delay_ms=300", "{\"trip_distance\": 1}");
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(tookMs).isGreaterThanOrEqualTo(300);
    }

    @Test
    void sessionsAreCountedInThisInstancesMemory() throws Exception {
        String ride = "{\"trip_distance\": 1}";
        assertThat(json(send("POST", "/predict?session=s-" + System.nanoTime(), ride)).get("session_requests")).isEqualTo(1);
        String name = "bob-" + System.nanoTime();
        send("POST", "/predict?session=" + name, ride);
        Map<String, Object> second = json(send("POST", "/predict?session=" + name, ride));
        assertThat(second.get("session")).isEqualTo(name);
        assertThat(second.get("session_requests")).isEqualTo(2);
        assertThat(json(send("POST", "/predict", ride))).doesNotContainKey("session");
    }
}
