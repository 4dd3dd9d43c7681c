package io.modelgate.discovery.config;

import java.time.Duration;

/**
 * Admission control of a load balancer (modelgate's, beyond Traefik): each server takes at most
 * {@code maxInFlight} requests at once; a request that finds every server it may use full waits in a bounded
 * queue, fair between users, for at most {@code queueTimeout}.
 *
 * @param maxInFlight  concurrent requests per server, at least 1
 * @param queueSize    requests that may wait; 0 refuses at once
 * @param queueTimeout the longest wait, then 503
 */
public record AdmissionSpec(int maxInFlight, int queueSize, Duration queueTimeout) {

    public static final int DEFAULT_QUEUE_SIZE = 10;
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(30);

    public AdmissionSpec {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("loadBalancer.server.maxInFlight must be at least 1, got " + maxInFlight);
        }
        if (queueSize < 0) {
            throw new IllegalArgumentException("loadBalancer.queue.size must be >= 0, got " + queueSize);
        }
        queueTimeout = queueTimeout == null ? DEFAULT_QUEUE_TIMEOUT : queueTimeout;
        if (queueTimeout.isZero() || queueTimeout.isNegative()) {
            throw new IllegalArgumentException("loadBalancer.queue.timeout must be positive");
        }
    }
}
