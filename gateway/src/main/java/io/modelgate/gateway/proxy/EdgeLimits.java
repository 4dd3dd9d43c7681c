package io.modelgate.gateway.proxy;

import static java.util.Objects.requireNonNull;

import io.modelgate.gateway.proxy.http.EncodedCharacters;
import java.time.Duration;

/**
 * An entry point's limits on what clients send, beyond sizes: the whole-head deadline, the minimum body data
 * rate, and the encoded characters a path may carry.
 *
 * @param headTimeout   a request head (request line and headers) must be complete this long after its first
 *                      byte, whatever the pace of the bytes (408 and close); zero for none
 * @param minBodyRate   bytes per second a request body must average over each {@code bodyRateWindow} while the
 *                      gateway is reading it (408 and close); 0 for none
 * @param bodyRateWindow the window the body rate is averaged over
 * @param encoded       percent-encoded characters allowed in paths
 */
public record EdgeLimits(Duration headTimeout, long minBodyRate, Duration bodyRateWindow, EncodedCharacters encoded) {

    /** 10 s for a head; bodies at least 128 B/s over 60 s (a slow model upload passes; a trickle does not). */
    public static final EdgeLimits DEFAULT = new EdgeLimits(Duration.ofSeconds(10), 128, Duration.ofSeconds(60),
            EncodedCharacters.STRICT);

    public EdgeLimits {
        requireNonNull(headTimeout, "headTimeout");
        requireNonNull(bodyRateWindow, "bodyRateWindow");
        requireNonNull(encoded, "encoded");
        if (minBodyRate < 0 || headTimeout.isNegative() || bodyRateWindow.isNegative()
                || (minBodyRate > 0 && bodyRateWindow.isZero())) {
            throw new IllegalArgumentException("edge limits must not be negative, and a body rate needs a window");
        }
    }
}
