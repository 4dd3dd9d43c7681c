package io.modelgate.discovery.config;

/**
 * Traefik's {@code inFlightReq}: at most {@code amount} requests in progress per source; more get 429.
 *
 * @param amount          simultaneous requests per source, at least 1
 * @param sourceCriterion what one counter counts (default: the request's host, as in Traefik)
 */
public record InFlightReqSpec(long amount, SourceCriterion sourceCriterion) implements MiddlewareSpec {

    public InFlightReqSpec {
        if (amount < 1) {
            throw new IllegalArgumentException("inFlightReq.amount must be at least 1, got " + amount);
        }
        sourceCriterion = sourceCriterion == null ? SourceCriterion.host() : sourceCriterion;
    }

    @Override
    public String type() {
        return "inFlightReq";
    }
}
