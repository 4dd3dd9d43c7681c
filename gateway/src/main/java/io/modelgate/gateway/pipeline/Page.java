package io.modelgate.gateway.pipeline;

import static java.util.Objects.requireNonNull;

/**
 * A whole response body a middleware supplies in place of another (an error page).
 *
 * @param contentType its {@code Content-Type}
 * @param body        the bytes, small (pages are capped when fetched)
 */
public record Page(String contentType, byte[] body) {

    public Page {
        requireNonNull(contentType, "contentType");
        requireNonNull(body, "body");
    }
}
