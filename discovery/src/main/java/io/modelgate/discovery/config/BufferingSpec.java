package io.modelgate.discovery.config;

/**
 * Traefik's {@code buffering}, used here as a body-size limit: bodies are never buffered whole, they are
 * counted as they stream and cut off the moment a limit is passed.
 *
 * @param maxRequestBodyBytes  largest request body, or 0 for no limit; larger gets 413
 * @param maxResponseBodyBytes largest response body, or 0 for no limit; larger gets 502 (or a cut connection)
 */
public record BufferingSpec(long maxRequestBodyBytes, long maxResponseBodyBytes) implements MiddlewareSpec {

    public BufferingSpec {
        if (maxRequestBodyBytes < 0 || maxResponseBodyBytes < 0) {
            throw new IllegalArgumentException("buffering limits must be >= 0");
        }
    }

    @Override
    public String type() {
        return "buffering";
    }
}
