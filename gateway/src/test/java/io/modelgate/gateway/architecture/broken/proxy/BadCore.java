package io.modelgate.gateway.architecture.broken.proxy;

import io.modelgate.gateway.architecture.broken.middleware.errors.SomeMiddleware;
import io.modelgate.gateway.architecture.broken.runtime.Compiled;

/** Breaks the rules on purpose (see ArchitectureTest): a core class that tests for a concrete middleware. */
public final class BadCore {

    public boolean isPages(Object middleware) {
        return middleware instanceof SomeMiddleware;
    }

    public Compiled config() {
        return new Compiled();
    }
}
