package io.modelgate.examples.rideduration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model's HTTP API. Paths are matched by their end, so the model answers the same whether the gateway
 * strips {@code /api/v1/<model>} or keeps it: {@code POST …/predict} and {@code GET …/health}.
 *
 * <p>A {@code ?session=NAME} is counted per instance, in memory, the way an annotation server keeps a user's
 * queue: the answer's {@code session_requests} only goes up by one per request when every request of that
 * session lands on this instance, which is what sticky sessions are for.
 */
final class ModelHandler implements HttpHandler {

    /** Ride features are a few dozen bytes; anything this large is not a prediction request. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** The in-memory state stays bounded however many session names clients invent. */
    static final int MAX_SESSIONS = 10_000;

    private final String modelName;
    private final RideDurationModel model;
    private final Faults faults;
    private final String instance;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Map<String, AtomicLong> sessions = new ConcurrentHashMap<>();

    ModelHandler(String modelName, RideDurationModel model, Faults faults, String instance) {
        this.modelName = modelName;
        this.model = model;
        this.faults = faults;
        this.instance = instance;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.endsWith("/health")) {
                health(exchange);
            } else if (path.endsWith("/predict")) {
                predict(exchange);
            } else {
                send(exchange, 404, Map.of("error", "not found: POST /predict or GET /health"));
            }
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, Map.of("error", "method not allowed"));
            return;
        }
        send(exchange, 200, Map.of("status", "ok", "model", modelName, "model_version", model.version()));
    }

    private void predict(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            send(exchange, 405, Map.of("error", "method not allowed: POST a JSON object of ride features"));
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        Faults now;
        double minutes;
        try {
            now = faults.withQuery(query);
            byte[] body = readBody(exchange.getRequestBody());
            if (body == null) {
                send(exchange, 413, Map.of("error", "request body over " + MAX_BODY_BYTES + " bytes"));
                return;
            }
            RideFeatures ride = json.readValue(body, RideFeatures.class);
            if (ride == null) {
                throw new IllegalArgumentException("the body must be a JSON object of ride features");
            }
            minutes = model.predict(ride);
        } catch (IllegalArgumentException e) {
            send(exchange, 400, Map.of("error", e.getMessage()));
            return;
        } catch (JacksonException e) {
            send(exchange, 400, Map.of("error", "the body must be a JSON object of ride features: " + e.getOriginalMessage()));
            return;
        }
        if (!now.delay().isZero()) {
            try {
                Thread.sleep(now.delay()); // slow mode: a virtual thread per request, so waiting costs no platform thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (now.failStatus() != 0) {
            send(exchange, now.failStatus(), Map.of("error", "failure mode: answering " + now.failStatus()));
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("model", modelName);
        answer.put("model_version", model.version());
        answer.put("duration", minutes);
        answer.put("instance", instance);
        String user = exchange.getRequestHeaders().getFirst("X-Auth-User");
        if (user != null) {
            answer.put("user", user); // the identity the gateway's forwardAuth passed on
        }
        String session = QueryParams.first(query, "session").orElse("");
        if (!session.isEmpty()) {
            AtomicLong count = sessions.size() < MAX_SESSIONS ? sessions.computeIfAbsent(session, k -> new AtomicLong())
                    : sessions.get(session);
            if (count == null) {
                send(exchange, 503, Map.of("error", "too many sessions on this instance"));
                return;
            }
            answer.put("session", session);
            answer.put("session_requests", count.incrementAndGet());
        }
        send(exchange, 200, answer);
    }

    /** The whole body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    private void send(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Instance", instance);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
