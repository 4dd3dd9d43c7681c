package io.modelgate.gateway.pipeline;

import java.util.function.Consumer;

/** The call to the service as a middleware that wraps it sees it (retry, circuit breaker). */
public interface UpstreamCall {

    /** The qualified service name ({@code model@docker}). */
    String service();

    /** Sends the request on (through inner wrappers, then to a server). Call at most once. */
    void proceed();

    /** Does not send the request: the gateway answers with its own error instead. */
    void refuse(int status, String error);

    /**
     * Has the data plane ask {@code policy} whether to send the request again when a try fails before the
     * response began, and when; the next try goes to another server of the service when it has one. Inner
     * wrappers and outcome listeners see the call once, however many tries it took. Call before
     * {@link #proceed()}; the innermost policy set wins.
     */
    void retryWith(RetryPolicy policy);

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
