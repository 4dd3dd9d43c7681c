package io.modelgate.errorpages;

import static java.util.Objects.requireNonNull;

/**
 * What a page says about one status: a short title and one line for the person or program that sent the
 * request. Plain text; renderers escape it.
 */
public record ErrorPage(int status, String title, String explanation) {

    public ErrorPage {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("error pages are for 4xx/5xx statuses, not " + status);
        }
        requireNonNull(title, "title");
        requireNonNull(explanation, "explanation");
    }
}
