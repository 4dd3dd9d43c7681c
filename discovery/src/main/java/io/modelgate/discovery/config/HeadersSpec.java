package io.modelgate.discovery.config;

import java.util.Map;

/**
 * Traefik's {@code headers} (custom headers part): headers set on the upstream request and on the
 * response. An empty value removes the header, as in Traefik.
 *
 * @param customRequestHeaders  headers set on the request sent upstream
 * @param customResponseHeaders headers set on the response sent to the client
 */
public record HeadersSpec(Map<String, String> customRequestHeaders, Map<String, String> customResponseHeaders)
        implements MiddlewareSpec {

    public HeadersSpec {
        customRequestHeaders = Map.copyOf(customRequestHeaders);
        customResponseHeaders = Map.copyOf(customResponseHeaders);
    }

    @Override
    public String type() {
        return "headers";
    }
}
