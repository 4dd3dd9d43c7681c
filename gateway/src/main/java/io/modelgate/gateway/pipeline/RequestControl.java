package io.modelgate.gateway.pipeline;

import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;

/**
 * What a middleware decides about a request. Deciding is separate from responding: the middleware says
 * what the answer is, the data plane writes it (framing, request id, error pages, access log).
 */
public interface RequestControl {

    /** The client connection's event loop: where asynchronous steps run their I/O. */
    EventLoop eventLoop();

    /** Continue with the next middleware, then the service. */
    void proceed();

    /** Answer the client with the gateway's own error and do not forward the request. */
    default void refuse(int status, String error) {
        refuse(status, error, Map.of());
    }

    /** Like {@link #refuse(int, String)}, with response headers such as {@code WWW-Authenticate}. */
    void refuse(int status, String error, Map<String, String> headers);

    /**
     * Answer with a response of the middleware's own (an auth service's 401 as it came, say) and do not forward
     * the request. Hop-by-hop and length headers are the gateway's to set.
     */
    void respond(int status, Map<String, List<String>> headers, byte[] body);

    /**
     * The request body may be at most {@code maxBytes}, counted as it streams: past it the request is cut
     * with 413 and the service never gets a complete body. The first middleware to set a limit replaces the
     * gateway-wide default; several limits: the strictest holds. Call before {@link #proceed()}.
     */
    void limitRequestBody(long maxBytes);

    /**
     * Records who the caller is: an auth middleware calls this when it accepts credentials, before
     * {@link #proceed()}. A later call replaces an earlier one (the innermost auth step wins).
     */
    void identify(Identity identity);

    /** The caller as an earlier middleware of this request identified it, or null if none did. */
    Identity identity();

    /**
     * Runs {@code task} once when this exchange is over — its response sent or cut, or its client gone, whoever
     * answered it — on the connection's event loop. For what a middleware holds while a request is in progress
     * (inFlightReq's count).
     */
    void whenDone(Runnable task);
}
