package io.modelgate.gateway.runtime;

import java.util.List;

/**
 * How one configuration element fared, in Traefik's API terms.
 *
 * @param status {@code enabled}, {@code warning} (live, but something is off) or {@code disabled}
 * @param errors what is wrong, empty when enabled
 */
public record ElementStatus(String status, List<String> errors) {

    public static final ElementStatus ENABLED = new ElementStatus("enabled", List.of());

    public ElementStatus {
        errors = List.copyOf(errors);
    }

    public static ElementStatus disabled(List<String> errors) {
        return new ElementStatus("disabled", errors);
    }

    public static ElementStatus warning(List<String> errors) {
        return new ElementStatus("warning", errors);
    }
}
