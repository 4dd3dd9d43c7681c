package io.modelgate.discovery.config;

import io.modelgate.discovery.rule.Cidr;
import java.util.List;

/**
 * Traefik's {@code sourceCriterion}: what makes two requests "the same source" for rateLimit and inFlightReq.
 * At most one kind is set; {@code user} is modelgate's addition (the identity forwardAuth or basicAuth
 * recorded).
 *
 * @param ipStrategy        the client IP, from {@code X-Forwarded-For} at a depth or past excluded proxies; or null
 * @param requestHeaderName the value of this request header; or null
 * @param requestHost       the request's host
 * @param user              the authenticated user (no identity: the client IP)
 */
public record SourceCriterion(IpStrategy ipStrategy, String requestHeaderName, boolean requestHost, boolean user) {

    /**
     * Traefik's {@code ipStrategy}.
     *
     * @param depth       0: the connecting peer; N: the Nth address from the right of {@code X-Forwarded-For}
     * @param excludedIps addresses and CIDRs skipped from the right of {@code X-Forwarded-For} (used when depth is 0)
     */
    public record IpStrategy(int depth, List<Cidr> excludedIps) {

        public IpStrategy {
            if (depth < 0) {
                throw new IllegalArgumentException("ipStrategy.depth must be >= 0, got " + depth);
            }
            excludedIps = List.copyOf(excludedIps);
        }
    }

    public SourceCriterion {
        int kinds = (ipStrategy != null ? 1 : 0) + (requestHeaderName != null ? 1 : 0) + (requestHost ? 1 : 0) + (user ? 1 : 0);
        if (kinds > 1) {
            throw new IllegalArgumentException("sourceCriterion takes one of ipStrategy, requestHeaderName, requestHost, "
                    + "user; got " + kinds);
        }
        if (requestHeaderName != null && requestHeaderName.isBlank()) {
            throw new IllegalArgumentException("sourceCriterion.requestHeaderName must not be blank");
        }
    }

    /** The client's address as the gateway sees it (rateLimit's default). */
    public static SourceCriterion clientIp() {
        return new SourceCriterion(new IpStrategy(0, List.of()), null, false, false);
    }

    /** The request's host (inFlightReq's default, as in Traefik). */
    public static SourceCriterion host() {
        return new SourceCriterion(null, null, true, false);
    }
}
