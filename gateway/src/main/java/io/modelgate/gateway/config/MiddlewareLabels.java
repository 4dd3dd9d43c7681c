package io.modelgate.gateway.config;

import io.modelgate.discovery.config.MiddlewareSpec;
import java.util.Map;

/** Decodes middleware options written as labels (placeholder until the shared tree decoder is merged). */
final class MiddlewareLabels {

    private MiddlewareLabels() {
    }

    static MiddlewareSpec decode(Map<String, String> options) {
        throw new IllegalArgumentException("middlewares defined in labels are not supported yet");
    }
}
