package io.modelgate.discovery.config;

import java.util.List;

/**
 * Traefik's {@code stripPrefix}: removes the first matching prefix from the path before forwarding and
 * sends it as {@code X-Forwarded-Prefix}.
 *
 * @param prefixes prefixes to try in order, each starting with {@code /}
 */
public record StripPrefixSpec(List<String> prefixes) implements MiddlewareSpec {

    public StripPrefixSpec {
        prefixes = List.copyOf(prefixes);
        for (String p : prefixes) {
            if (!p.startsWith("/")) {
                throw new IllegalArgumentException("prefix must start with '/': " + p);
            }
        }
    }

    @Override
    public String type() {
        return "stripPrefix";
    }
}
