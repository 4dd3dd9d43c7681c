package io.modelgate.gateway.middleware.retry;

import io.modelgate.discovery.config.RetrySpec;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.modelgate.gateway.pipeline.RetryPolicy;
import io.modelgate.gateway.pipeline.UpstreamCall;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Traefik's {@code retry}: a try that failed before the service answered is sent again, up to
 * {@code attempts} tries in all. A failed connect is retried whatever the method (nothing reached the
 * server); once the request reached a server, only the spec's methods are (by default the idempotent ones:
 * sending a POST twice could run the model's side effects twice). The data plane decides what can be sent
 * again at all (no response byte sent, no body consumed) and waits the pause on the event loop.
 */
public final class RetryMiddleware implements Middleware, RetryPolicy {

    private final RetrySpec spec;
    private final Set<String> methods;
    private final Backoff backoff;

    /** @param random uniform in [0, 1), the backoff's jitter (injected in tests) */
    public RetryMiddleware(RetrySpec spec, DoubleSupplier random) {
        this.spec = spec;
        this.methods = spec.methods();
        this.backoff = new Backoff(spec.initialInterval(), spec.attempts(), random);
    }

    public RetryMiddleware(RetrySpec spec) {
        this(spec, () -> ThreadLocalRandom.current().nextDouble());
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        next.proceed();
    }

    @Override
    public void aroundCall(UpstreamCall call) {
        call.retryWith(this);
        call.proceed();
    }

    @Override
    public long delayNanos(int failedTry, boolean reachedServer, String method) {
        if (failedTry >= spec.attempts() || (reachedServer && !methods.contains(method))) {
            return -1;
        }
        return backoff.pauseNanos(failedTry);
    }

    @Override
    public String toString() {
        return "retry(" + spec.attempts() + ")";
    }
}
