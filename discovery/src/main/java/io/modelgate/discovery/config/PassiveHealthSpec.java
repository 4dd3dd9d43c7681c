package io.modelgate.discovery.config;

import java.time.Duration;

/**
 * Traefik's passive health check, with modelgate's growing ejection: a server that failed
 * {@code maxFailedAttempts} forwarded requests within {@code failureWindow} gets no new requests for
 * {@code failureWindow}, twice that after its next ejection, and so on up to {@code maxEjection}; a server
 * that serves a request without failing starts again from one window. The last usable server of a service is
 * never ejected.
 *
 * @param failureWindow     the window failures are counted in, and the first ejection (Traefik's default 10s)
 * @param maxFailedAttempts failures within the window that eject (Traefik's default 1)
 * @param status            the server's statuses that count as failures besides connect errors and timeouts
 *                          (modelgate's; default 502, 503, 504)
 * @param maxEjection       the longest ejection (modelgate's; default 5m)
 */
public record PassiveHealthSpec(Duration failureWindow, int maxFailedAttempts, StatusRanges status, Duration maxEjection) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MAX_EJECTION = Duration.ofMinutes(5);
    public static final StatusRanges DEFAULT_STATUS = StatusRanges.parse(java.util.List.of("502", "503", "504"));

    public PassiveHealthSpec {
        failureWindow = failureWindow == null ? DEFAULT_WINDOW : failureWindow;
        maxEjection = maxEjection == null ? DEFAULT_MAX_EJECTION : maxEjection;
        status = status == null ? DEFAULT_STATUS : status;
        if (failureWindow.isZero() || failureWindow.isNegative()) {
            throw new IllegalArgumentException("passiveHealthCheck.failureWindow must be positive");
        }
        if (maxFailedAttempts < 1) {
            throw new IllegalArgumentException("passiveHealthCheck.maxFailedAttempts must be at least 1, got "
                    + maxFailedAttempts);
        }
        if (maxEjection.compareTo(failureWindow) < 0) {
            throw new IllegalArgumentException("passiveHealthCheck.maxEjection must not be shorter than failureWindow");
        }
    }
}
