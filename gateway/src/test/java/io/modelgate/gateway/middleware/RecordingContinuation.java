package io.modelgate.gateway.middleware;

/** Records what a middleware decided. */
public final class RecordingContinuation implements io.modelgate.gateway.pipeline.RequestControl {

    /** What {@code middleware} decides about {@code request} from {@code caller} (identified first; null for none). */
    public static RecordingContinuation decide(io.modelgate.gateway.pipeline.Middleware middleware,
                                               io.netty.handler.codec.http.HttpRequest request,
                                               io.modelgate.gateway.pipeline.Identity caller) {
        RecordingContinuation next = new RecordingContinuation();
        if (caller != null) {
            next.identify(caller);
        }
        middleware.onRequest(request, next);
        return next;
    }

    private boolean proceeded;
    private long requestLimit;
    private int refusedStatus;
    private String refusedError;
    private java.util.Map<String, String> refusedHeaders = java.util.Map.of();
    private java.util.Map<String, java.util.List<String>> responded = java.util.Map.of();

    /** Middlewares tested with this make no real calls: an {@code HttpGet} fake ignores the loop. */
    @Override
    public io.netty.channel.EventLoop eventLoop() {
        return null;
    }

    @Override
    public void proceed() {
        proceeded = true;
    }

    @Override
    public void refuse(int status, String error, java.util.Map<String, String> headers) {
        refusedStatus = status;
        refusedError = error;
        refusedHeaders = java.util.Map.copyOf(headers);
    }

    private io.modelgate.gateway.pipeline.Identity identity;

    @Override
    public void identify(io.modelgate.gateway.pipeline.Identity identity) {
        this.identity = identity;
    }

    /** The identity the middleware recorded, or null. */
    @Override
    public io.modelgate.gateway.pipeline.Identity identity() {
        return identity;
    }

    private final java.util.List<Runnable> whenDone = new java.util.ArrayList<>();

    @Override
    public void whenDone(Runnable task) {
        whenDone.add(task);
    }

    /** The exchange is over: runs what the middleware asked to run then. */
    public void finishExchange() {
        whenDone.forEach(Runnable::run);
        whenDone.clear();
    }

    @Override
    public void limitRequestBody(long maxBytes) {
        requestLimit = maxBytes;
    }

    /** The request body limit the middleware set, 0 if none. */
    public long requestLimit() {
        return requestLimit;
    }

    @Override
    public void respond(int status, java.util.Map<String, java.util.List<String>> headers, byte[] body) {
        refusedStatus = status;
        refusedError = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        responded = java.util.Map.copyOf(headers);
    }

    public java.util.Map<String, java.util.List<String>> respondedHeaders() {
        return responded;
    }

    public java.util.Map<String, String> refusedHeaders() {
        return refusedHeaders;
    }

    public boolean proceeded() {
        return proceeded;
    }

    public int refusedStatus() {
        return refusedStatus;
    }

    public String refusedError() {
        return refusedError;
    }
}
