package io.modelgate.gateway.architecture.broken.runtime;

import io.modelgate.gateway.architecture.broken.proxy.BadCore;

/** Depends back on the broken proxy package: a cycle, on purpose (see ArchitectureTest). */
public final class Compiled {

    public BadCore core() {
        return null;
    }
}
