package io.modelgate.gateway.middleware.circuitbreaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.modelgate.discovery.config.BreakerCondition;
import io.modelgate.discovery.config.CircuitBreakerSpec;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.pipeline.RequestControl;
import io.modelgate.gateway.pipeline.UpstreamCall;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Traefik's {@code circuitBreaker}: wraps the call to the service. While any breaker is open the call is
 * refused at once with {@code responseCode} (the gateway's JSON or text error), nothing forwarded; otherwise
 * the call goes on and its outcome is recorded on every breaker. One instance per middleware, shared by every
 * router using it and kept across reloads while its spec is unchanged.
 */
public final class CircuitBreakerMiddleware implements Middleware {

    private final CircuitBreakerSpec spec;
    private final List<BreakerCondition> conditions;
    private final List<CircuitBreaker> breakers;
    private final LongSupplier nanos;
    private final LongAdder refused = new LongAdder();
    private final LongAdder transitions = new LongAdder();

    /**
     * @param clock what the breakers' windows and open time run on
     * @param nanos what call durations are measured with (both injected in tests)
     */
    public CircuitBreakerMiddleware(String name, CircuitBreakerSpec spec, Clock clock, LongSupplier nanos) {
        this.spec = spec;
        this.conditions = spec.conditions();
        List<CircuitBreaker> list = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            CircuitBreaker b = Breakers.of(name + "#" + i, conditions.get(i), spec, clock);
            b.getEventPublisher().onStateTransition(e -> transitions.increment());
            list.add(b);
        }
        this.breakers = List.copyOf(list);
        this.nanos = nanos;
    }

    public CircuitBreakerMiddleware(String name, CircuitBreakerSpec spec) {
        this(name, spec, Clock.systemUTC(), System::nanoTime);
    }

    @Override
    public void onRequest(HttpRequest request, RequestControl next) {
        next.proceed();
    }

    @Override
    public void aroundCall(UpstreamCall call) {
        for (int i = 0; i < breakers.size(); i++) {
            if (!breakers.get(i).tryAcquirePermission()) {
                for (int j = 0; j < i; j++) {
                    breakers.get(j).releasePermission();
                }
                refused.increment();
                call.refuse(spec.responseCode(), "service unavailable (circuit breaker open)");
                return;
            }
        }
        long start = nanos.getAsLong();
        call.onOutcome(outcome -> record(outcome, nanos.getAsLong() - start));
        call.proceed();
    }

    /** Records one call's outcome on every breaker (package-private for tests). */
    void record(UpstreamCall.Outcome outcome, long durationNanos) {
        for (int i = 0; i < breakers.size(); i++) {
            CircuitBreaker b = breakers.get(i);
            switch (conditions.get(i)) {
                case BreakerCondition.NetworkErrorRatio n -> {
                    if (outcome.fromService()) {
                        b.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
                    } else {
                        b.onError(durationNanos, TimeUnit.NANOSECONDS, NetworkError.INSTANCE);
                    }
                }
                case BreakerCondition.ResponseCodeRatio r -> {
                    int s = outcome.status();
                    if (s < r.dividedFrom() || s >= r.dividedTo()) {
                        b.releasePermission(); // outside the divisor: not counted, as in Traefik
                    } else if (s >= r.from() && s < r.to()) {
                        b.onError(durationNanos, TimeUnit.NANOSECONDS, NetworkError.INSTANCE);
                    } else {
                        b.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
                    }
                }
                case BreakerCondition.LatencyAtQuantile l -> b.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The breakers' states, e.g. {@code [CLOSED, OPEN]} (for tests and the API). */
    public List<CircuitBreaker.State> states() {
        return breakers.stream().map(CircuitBreaker::getState).toList();
    }

    /** True while any breaker refuses calls. */
    public boolean open() {
        return breakers.stream().anyMatch(b -> b.getState() == CircuitBreaker.State.OPEN
                || b.getState() == CircuitBreaker.State.FORCED_OPEN);
    }

    /** Calls refused while open. */
    public long refused() {
        return refused.sum();
    }

    /** State changes so far (closed → open → half-open → closed …). */
    public long transitions() {
        return transitions.sum();
    }

    /** The failure Resilience4j records: no stack trace, nothing to allocate. */
    private static final class NetworkError extends RuntimeException {
        static final NetworkError INSTANCE = new NetworkError();

        private NetworkError() {
            super("failed call", null, false, false);
        }
    }

    @Override
    public String toString() {
        return "circuitBreaker(" + spec.expression() + ")";
    }
}
