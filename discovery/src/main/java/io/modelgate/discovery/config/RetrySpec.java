package io.modelgate.discovery.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Traefik's {@code retry}: a call that failed before the service answered is sent again, up to
 * {@code attempts} tries in all (the first included, as Traefik counts), with an exponential backoff that
 * starts at {@code initialInterval}.
 *
 * @param attempts        tries in all, at least 1 (1: never sent again)
 * @param initialInterval the pause before the first retry; zero: retried at once (Traefik's default)
 * @param methods         modelgate: the methods sent again once the request reached a server (upper case);
 *                        a failed connect is retried whatever the method, nothing having reached the server
 */
public record RetrySpec(int attempts, Duration initialInterval, Set<String> methods) implements MiddlewareSpec {

    /** RFC 9110's idempotent methods: sending one twice has the effect of sending it once. */
    public static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    public RetrySpec {
        if (attempts < 1) {
            throw new IllegalArgumentException("retry.attempts must be at least 1, got " + attempts);
        }
        initialInterval = initialInterval == null ? Duration.ZERO : initialInterval;
        if (initialInterval.isNegative()) {
            throw new IllegalArgumentException("retry.initialInterval must not be negative");
        }
        if (methods == null) {
            methods = IDEMPOTENT;
        } else {
            Set<String> upper = new TreeSet<>();
            methods.forEach(m -> upper.add(m.trim().toUpperCase(Locale.ROOT)));
            methods = Set.copyOf(upper);
        }
    }

    @Override
    public String type() {
        return "retry";
    }
}
