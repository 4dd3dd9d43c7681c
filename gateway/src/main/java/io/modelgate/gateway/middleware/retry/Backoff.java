package io.modelgate.gateway.middleware.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The pauses between tries, as Traefik spaces them: the first one is {@code initialInterval}, each next one
 * grows by the same factor so that the pause before the last try would reach twice {@code initialInterval}
 * (Traefik's "the maximum interval is twice the initial one"), and each is spread at random over ±50 % of
 * itself, so clients failing together do not come back together.
 */
final class Backoff {

    private final long initialNanos;
    private final int attempts;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) (injected in tests) */
    Backoff(Duration initialInterval, int attempts, DoubleSupplier random) {
        this.initialNanos = initialInterval.toNanos();
        this.attempts = attempts;
        this.random = random;
    }

    /** The pause after failed try {@code n} (1: the first), before try {@code n + 1}. */
    long pauseNanos(int n) {
        if (initialNanos == 0) {
            return 0;
        }
        double growth = attempts <= 2 ? 1 : Math.pow(2, (double) (n - 1) / (attempts - 1));
        double jitter = 0.5 + random.getAsDouble(); // [0.5, 1.5)
        return (long) (initialNanos * growth * jitter);
    }
}
