package io.modelgate.gateway.pipeline;

/**
 * What a wrapping middleware answers when a call failed before the service's response began (a refused
 * connect, a connection closed or reset before any response byte). The data plane asks only when sending the
 * request again is possible at all: no response byte reached the client, and the request body was either never
 * consumed (a failed connect) or there is none. A response timeout is never retried (the model may still be
 * computing: a second try would double its load).
 */
@FunctionalInterface
public interface RetryPolicy {

    /**
     * @param failedTry     which try failed: 1 for the first
     * @param reachedServer false if nothing reached the server (the connect failed), true if the request did
     * @param method        the request's method, e.g. {@code GET}
     * @return the pause before the next try in nanoseconds (0: at once), or a negative number: no further try
     */
    long delayNanos(int failedTry, boolean reachedServer, String method);
}
