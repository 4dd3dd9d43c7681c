package io.modelgate.gateway.net;

import static java.util.Objects.requireNonNull;

import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.CompletableFuture;

/**
 * A GET to another service (an auth service, an error-page service) on the calling connection's own event
 * loop, answered whole. Single-method, so middlewares are tested with a plain function in its place.
 */
@FunctionalInterface
public interface HttpGet {

    /** Completes exceptionally when the service is unreachable, too slow, or its answer too large. */
    CompletableFuture<Response> get(EventLoop loop, Request request);

    /**
     * @param host         host name or IP literal to connect to
     * @param port         TCP port
     * @param ssl          TLS context for https, null for plain HTTP
     * @param hostHeader   the {@code Host} header to send
     * @param pathAndQuery the request target
     * @param headers      every other header to send (exactly these)
     * @param timeoutMillis the whole exchange, connect included
     * @param maxBodyBytes larger answers fail
     */
    record Request(String host, int port, SslContext ssl, String hostHeader, String pathAndQuery, HttpHeaders headers,
                   long timeoutMillis, int maxBodyBytes) {

        public Request {
            requireNonNull(host, "host");
            requireNonNull(hostHeader, "hostHeader");
            requireNonNull(pathAndQuery, "pathAndQuery");
            requireNonNull(headers, "headers");
        }
    }

    /** The answer: status, headers and the whole body. */
    record Response(int status, HttpHeaders headers, byte[] body) {
    }
}
