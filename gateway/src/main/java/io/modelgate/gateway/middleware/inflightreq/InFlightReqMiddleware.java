package io.modelgate.gateway.middleware.inflightreq;

import io.modelgate.discovery.config.InFlightReqSpec;
import io.modelgate.gateway.middleware.source.SourceKey;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Traefik's {@code inFlightReq}: at most {@code amount} requests of one source in progress at once; one more
 * gets 429 and is not forwarded. A request counts from its decision here until its exchange is over (the
 * response fully sent or cut, or the client gone), whoever answered it. Counts are per gateway and shared by
 * every router using the middleware; a source with nothing in progress takes no memory.
 */
public final class InFlightReqMiddleware implements Middleware {

    private final long amount;
    private final SourceKey source;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    private final LongAdder rejected = new LongAdder();

    public InFlightReqMiddleware(InFlightReqSpec spec) {
        this.amount = spec.amount();
        this.source = new SourceKey(spec.sourceCriterion());
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        String key = source.of(request, next.identity());
        boolean[] admitted = new boolean[1];
        inFlight.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            admitted[0] = current < amount;
            return admitted[0] ? current + 1 : n;
        });
        if (!admitted[0]) {
            rejected.increment();
            next.refuse(429, "too many requests in flight");
            return;
        }
        next.whenDone(() -> inFlight.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null));
        next.proceed();
    }

    /** Requests of {@code key} in progress now. */
    public int inFlight(String key) {
        return inFlight.getOrDefault(key, 0);
    }

    /** Requests refused with 429 so far. */
    public long rejected() {
        return rejected.sum();
    }

    @Override
    public String toString() {
        return "inFlightReq(" + amount + ")";
    }
}
