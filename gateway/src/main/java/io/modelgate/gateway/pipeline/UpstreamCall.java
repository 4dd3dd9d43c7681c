package io.modelgate.gateway.pipeline;

import java.util.function.Consumer;

/** The call to the service as a middleware that wraps it sees it (retry, circuit breaker, admission). */
public interface UpstreamCall {

    /** The qualified service name ({@code model@docker}). */
    String service();

    /** Sends the request on (through inner wrappers, then to a server). Call at most once. */
    void proceed();

    /** Does not send the request: the gateway answers with its own error instead. */
    void refuse(int status, String error);

    /** Tells {@code listener} how the call ended, once: the service's status, or the gateway's error for it. */
    void onOutcome(Consumer<Outcome> listener);

    /**
     * How a call ended.
     *
     * @param status    the service's status, or the gateway's (502, 503, 504) when it did not answer
     * @param fromService true if the service answered
     */
    record Outcome(int status, boolean fromService) {
    }
}
