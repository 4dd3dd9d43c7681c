package io.modelgate.discovery.config;

/**
 * A decoded middleware configuration. One record per Traefik middleware type; the gateway builds one
 * middleware from each (validation that needs no I/O happens when the record is decoded).
 */
public sealed interface MiddlewareSpec permits StripPrefixSpec, HeadersSpec, ChainSpec, BufferingSpec, BasicAuthSpec, ForwardAuthSpec,
        ErrorsSpec, RedirectSchemeSpec, RateLimitSpec, InFlightReqSpec,
        CircuitBreakerSpec, RetrySpec {

    /** Traefik's name of the type, e.g. {@code stripPrefix}; also the docs page and the metric tag. */
    String type();
}
