package io.modelgate.gateway.acme;

import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the CA's HTTP-01 requests, {@code GET /.well-known/acme-challenge/<token>}, with the key
 * authorization of an order under way; anything else under that path is a 404 (as in Traefik, the
 * challenge router comes before every other one on its entry point, the HTTP-to-HTTPS redirect included).
 */
public final class Http01Responder implements Middleware {

    /** The path prefix of RFC 8555 §8.3. */
    public static final String PREFIX = "/.well-known/acme-challenge/";

    private final Map<String, String> answers = new ConcurrentHashMap<>();

    /** While an order waits for the CA, its token is answered with its key authorization. */
    void expect(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    void forget(String token) {
        answers.remove(token);
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        String target = request.uri();
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        String answer = path.startsWith(PREFIX) ? answers.get(path.substring(PREFIX.length())) : null;
        if (answer == null) {
            next.refuse(404, "no such ACME challenge");
            return;
        }
        next.respond(200, Map.of("Content-Type", List.of("application/octet-stream")),
                answer.getBytes(StandardCharsets.US_ASCII));
    }
}
