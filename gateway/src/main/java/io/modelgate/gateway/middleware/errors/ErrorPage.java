package io.modelgate.gateway.middleware.errors;

import static java.util.Objects.requireNonNull;

/**
 * The body that replaces an error response's body; the status code stays the original one.
 *
 * @param contentType the page's content type, as the error service sent it
 * @param body        the page
 */
public record ErrorPage(String contentType, byte[] body) {

    public ErrorPage {
        requireNonNull(contentType, "contentType");
        requireNonNull(body, "body");
    }

    @Override
    public String toString() {
        return "ErrorPage[" + contentType + ", " + body.length + " bytes]";
    }
}
