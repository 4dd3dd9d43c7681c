package io.modelgate.discovery;

import static java.util.Objects.requireNonNull;

/**
 * A configuration problem: never silent, always says where it came from.
 *
 * @param provider the provider that found it ({@code file}, {@code docker}, ...)
 * @param element  what is affected, e.g. {@code router echo@file}, or {@code file} for the whole source
 * @param origin   where it was written: {@code routes.yml:12}, or a container and label key
 * @param message  what is wrong, in words an operator can act on
 */
public record Problem(String provider, String element, String origin, String message) {

    public Problem {
        requireNonNull(provider, "provider");
        requireNonNull(element, "element");
        requireNonNull(origin, "origin");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return element + " (" + origin + "): " + message;
    }
}
