package io.modelgate.gateway.proxy;

import io.modelgate.gateway.lb.ServicePool;
import io.modelgate.gateway.lb.UpstreamServer;
import io.modelgate.gateway.pipeline.Identity;
import io.modelgate.gateway.pipeline.Page;
import io.modelgate.gateway.proxy.upstream.UpstreamHandler;
import io.modelgate.gateway.runtime.Route;
import io.modelgate.gateway.runtime.RuntimeConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.modelgate.gateway.pipeline.ResponseControl;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One request on a client connection, from its head to the end of its response. Plain state, owned by the
 * connection's event loop; the parts of the request path ({@link RequestIntake}, {@link MiddlewareRunner},
 * {@link UpstreamForwarder}, {@link ResponseRelay}, {@link LocalResponder}) move it through its {@link Phase}.
 */
final class Exchange implements ResponseControl {

    // ---- what the client asked, fixed at intake
    final HttpRequest request;
    final String requestId;
    final long startNanos;
    final String method;
    final String rawUri;
    final String protocol;
    final boolean http10;
    final boolean json;
    final boolean hasBody;
    /** The metrics' method label ({@code TrafficMeters.method}), found once. */
    final int methodLabel;
    /** The metrics' protocol label: http, websocket or sse. */
    int protocolLabel;
    /** The client's {@code User-Agent}, or null. */
    String userAgent;
    /** The request headers the access log's fields settings log ({@code name, value, …}), null if none. */
    java.util.List<String> loggedHeaders;
    /** The connection's event loop, where everything about this exchange runs. */
    final EventLoop loop;
    /** The configuration current when the request arrived, used for its whole life. */
    final RuntimeConfig config;
    String host;

    // ---- routing and forwarding
    Phase phase = Phase.DECIDING;
    Route route;
    /** The pool answering this request: the route's one, or the one its weighted service picked at forwarding. */
    ServicePool pool;
    /** {@link #pool}'s index in the route's {@code service().pools()}; -1 until one is chosen (for the meters). */
    int poolIndex = -1;
    /** How many of the route's middlewares the request passed on the way in: the response passes them back. */
    int depth;
    /** The index of the last middleware the request reached (its size: all proceeded), for the access log. */
    int reached;
    /** Who the caller is, once an auth middleware said so. */
    Identity identity;
    boolean keepAlive;
    boolean upgrade;
    /** The client sent {@code TE: trailers}: it takes trailers in a chunked response, and h2c servers are told so. */
    boolean teTrailers;
    /** The response's trailers go to the client (HTTP/2, or chunked to a client that sent {@code TE: trailers}). */
    boolean trailersOut;
    String forwardUri;
    String clientHost;
    String affinity;
    UpstreamServer server;
    UpstreamHandler upstream;
    boolean reusedConnection;
    /** Connect failures retried on another server so far (at most one fewer than the service has servers). */
    int connectRetries;
    boolean replayed;
    /** How many times the request went to a server (connect attempts, replays): {@code retryAttempts} is one less. */
    int attempts;
    /** Under admission control: the service's, once the request came to it; the server whose slot it holds; its place in the queue. */
    io.modelgate.gateway.lb.Admission admission;
    UpstreamServer admittedTo;
    io.modelgate.gateway.lb.Waiter waiter;
    /** Set by a retry middleware: asked whether a failed try is sent again; null: the gateway's own single retries. */
    io.modelgate.gateway.pipeline.RetryPolicy retry;
    /** Set by a wrapping middleware: told how the call ended. */
    CallOutcomes outcomes;
    /** What middlewares asked to run when the exchange is over; null until one asks. */
    private java.util.List<Runnable> whenDone;
    private io.modelgate.gateway.lb.ServerState held; // the server counting this exchange as in flight

    // ---- request body
    long requestLimit;
    boolean requestLimitSet;
    boolean requestDone;
    boolean bodyless;
    /** The rest of the request body is read and dropped (the exchange was answered without it). */
    boolean discarding;

    // ---- response
    int status;
    int originStatus;
    long originStartNanos;
    long originNanos;
    long bytesIn;
    long bytesOut;
    long responseLimit;
    /** Headers a refusal adds ({@code WWW-Authenticate}, …). */
    Map<String, String> extraHeaders = Map.of();
    /** While replacing: the page, once it arrived, and whether the server's body has been read to its end. */
    Page page;
    boolean pageArrived;
    boolean upstreamDrained;
    Map<String, String> keptHeaders;
    boolean aborted;
    boolean logged;

    // ---- the response as the middlewares see it on the way out (this exchange is their ResponseControl)
    /** The response being intercepted is the service's (not one the gateway made). */
    boolean fromService;
    /** The response being intercepted is one of the gateway's own errors (pages may replace it). */
    boolean ownError;
    /** What the middleware just called did: replace the response later, or refuse it. */
    CompletionStage<Page> replacement;
    int refusedStatus;
    String refusedError;

    Exchange(HttpRequest request, String requestId, long startNanos, String method, String rawUri, String protocol,
             boolean http10, boolean json, boolean hasBody, EventLoop loop, RuntimeConfig config) {
        this.request = request;
        this.requestId = requestId;
        this.startNanos = startNanos;
        this.method = method;
        this.rawUri = rawUri;
        this.protocol = protocol;
        this.http10 = http10;
        this.json = json;
        this.hasBody = hasBody;
        this.methodLabel = io.modelgate.gateway.metrics.TrafficMeters.method(method);
        this.loop = loop;
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** An exchange for a request whose head could not be read: nothing about it is known. */
    static Exchange unreadable(String requestId, long startNanos, EventLoop loop, RuntimeConfig config) {
        return new Exchange(null, requestId, startNanos, "-", "-", "-", false, false, false, loop, config);
    }

    /**
     * Counts this exchange in {@code state}'s in-flight requests until it ends, moving the count when a replay
     * or retry goes to another server.
     */
    void hold(io.modelgate.gateway.lb.ServerState state) {
        if (held == state) {
            return;
        }
        if (held == null) {
            whenDone(this::releaseHeld);
        } else {
            held.inFlight().decrementAndGet();
        }
        held = state;
        state.inFlight().incrementAndGet();
    }

    private void releaseHeld() {
        if (held != null) {
            held.inFlight().decrementAndGet();
            held = null;
        }
    }

    void whenDone(Runnable task) {
        if (whenDone == null) {
            whenDone = new java.util.ArrayList<>(2);
        }
        whenDone.add(task);
    }

    /** The exchange is over (answered, cut, or its client gone): runs the {@link #whenDone} tasks, once. */
    void done() {
        java.util.List<Runnable> tasks = whenDone;
        if (tasks != null) {
            whenDone = null;
            tasks.forEach(Runnable::run);
        }
    }

    boolean responseStarted() {
        return phase.responseStarted();
    }

    /** True once the gateway is making or sending a response: no other may start. */
    boolean answering() {
        return phase == Phase.REPLACING || phase.responseStarted();
    }

    boolean responseDone() {
        return phase == Phase.ANSWERED;
    }

    @Override
    public boolean isHead() {
        return request != null && request.method() == io.netty.handler.codec.http.HttpMethod.HEAD;
    }

    // ---------------------------------------------------------------- ResponseControl

    @Override
    public int status() {
        return status;
    }

    @Override
    public boolean fromService() {
        return fromService;
    }

    @Override
    public boolean wantsJson() {
        return json;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public String requestUri() {
        return rawUri;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public void replace(CompletionStage<Page> page) {
        replacement = java.util.Objects.requireNonNull(page, "page");
    }

    @Override
    public void refuse(int status, String error) {
        refusedStatus = status;
        refusedError = error;
    }

    @Override
    public void limitBody(long maxBytes) {
        if (maxBytes > 0 && (responseLimit == 0 || maxBytes < responseLimit)) {
            responseLimit = maxBytes;
        }
    }

    @Override
    public String toString() {
        return "Exchange[" + requestId + " " + method + " " + rawUri + " " + phase + "]";
    }
}
