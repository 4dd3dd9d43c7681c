package io.modelgate.gateway.proxy;

/**
 * Where an exchange's response stands. The request body has its own state ({@link Exchange#requestDone},
 * {@link Exchange#discarding}): a response may be complete while the body is still arriving, and the reverse.
 */
enum Phase {
    /** Routed; the middlewares are deciding (perhaps asynchronously). Nothing sent to the client. */
    DECIDING,
    /** A server is being chosen or connected to. */
    CONNECTING,
    /** The request head went to the server; no response head yet. */
    AWAITING_RESPONSE,
    /** The server sent a 1xx that is being dropped (the gateway answered 100-continue itself). */
    SKIPPING_INFORMATIONAL,
    /** A response (the service's, or one the gateway makes) is being replaced; nothing sent yet. */
    REPLACING,
    /** The response head went to the client; its body is streaming. */
    STREAMING,
    /** A {@code 101} went to the client; the connection becomes a tunnel at the end of its (empty) body. */
    SWITCHING,
    /** The whole response went to the client. */
    ANSWERED;

    /** True once any byte of the response may have gone to the client: it can no longer be replaced. */
    boolean responseStarted() {
        return this == STREAMING || this == SWITCHING || this == ANSWERED;
    }
}
