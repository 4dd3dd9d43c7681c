package io.modelgate.gateway.pipeline;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletionStage;

/** What a middleware may do with a response before it goes to the client. */
public interface ResponseControl {

    /** The response's status. */
    int status();

    /** True for the service's response; false for one the gateway made (an error, a middleware's answer). */
    boolean fromService();

    /** True if the request was {@code HEAD} (the response has no body to replace). */
    boolean isHead();

    /** True if the client prefers JSON ({@code Accept} mentions json). */
    boolean wantsJson();

    /** The request's id, as the client and the service see it. */
    String requestId();

    /** The request's path and query as the client sent them. */
    String requestUri();

    /** The connection's event loop, for asynchronous work such as fetching a page. */
    EventLoop eventLoop();

    /**
     * Replaces the response with a page of the same status that completes later (an error page). A service's
     * body is read and dropped meanwhile, so its connection stays reusable; {@code WWW-Authenticate},
     * {@code Retry-After} and {@code Allow} are kept. A page that completes with null keeps the gateway's own
     * response (only meaningful when {@link #fromService()} is false). The page then passes the outer
     * middlewares like any response.
     */
    void replace(CompletionStage<Page> page);

    /** Replaces the response with the gateway's own error (a service's response declared too large, say). */
    void refuse(int status, String error);

    /**
     * The response body may be at most {@code maxBytes}: a service response streaming past it is cut (the
     * status is already sent, so closing the connection is the only honest signal left).
     */
    void limitBody(long maxBytes);
}
