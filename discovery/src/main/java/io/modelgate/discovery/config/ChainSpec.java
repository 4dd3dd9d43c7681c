package io.modelgate.discovery.config;

import java.util.List;

/**
 * Traefik's {@code chain}: a named list of other middlewares, applied in order.
 *
 * @param middlewares middleware names; unqualified names refer to the chain's own provider
 */
public record ChainSpec(List<String> middlewares) implements MiddlewareSpec {

    public ChainSpec {
        middlewares = List.copyOf(middlewares);
    }

    @Override
    public String type() {
        return "chain";
    }
}
