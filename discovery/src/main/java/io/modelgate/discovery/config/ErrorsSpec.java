package io.modelgate.discovery.config;

import static java.util.Objects.requireNonNull;

/**
 * Traefik's {@code errors}: when the status is in {@code status}, the body comes from a page of
 * {@code service} (the status code stays the original one).
 *
 * @param status  the statuses that get a page
 * @param service the service serving the pages, by name (a provider suffix such as {@code @docker} allowed)
 * @param query   the page's path, with {@code {status}} and {@code {url}} substituted (default {@code /{status}.html})
 */
public record ErrorsSpec(StatusRanges status, String service, String query) implements MiddlewareSpec {

    public ErrorsSpec {
        requireNonNull(status, "status");
        if (service == null || service.isBlank()) {
            throw new IllegalArgumentException("errors needs a service");
        }
        service = service.trim();
        query = query == null || query.isBlank() ? "/{status}.html" : query.trim();
        if (!query.startsWith("/")) {
            throw new IllegalArgumentException("errors.query must start with '/', got '" + query + "'");
        }
    }

    @Override
    public String type() {
        return "errors";
    }
}
