package io.modelgate.gateway.architecture.broken.middleware.errors;

/** A stand-in concrete middleware for ArchitectureTest. */
public final class SomeMiddleware {
}
