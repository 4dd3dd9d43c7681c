package io.modelgate.gateway.middleware.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.RetrySpec;
import io.modelgate.gateway.testsupport.RecordingCall;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which failed tries are sent again, and the backoff's arithmetic on an injected random source. */
class RetryMiddlewareTest {

    static final long MS = 1_000_000;
    double random = 0.5; // the middle of [0, 1): no jitter

    RetryMiddleware retry(int attempts, Duration initial, Set<String> methods) {
        return new RetryMiddleware(new RetrySpec(attempts, initial, methods), () -> random);
    }

    @Test
    void wrapsTheCallWithItsPolicyAndSendsItOn() {
        RetryMiddleware m = retry(3, Duration.ZERO, null);
        RecordingCall call = new RecordingCall();
        m.aroundCall(call);
        assertThat(call.retry).isSameAs(m);
        assertThat(call.proceeded).isTrue();
    }

    @Test
    void attemptsCountEveryTryTheFirstIncluded() {
        RetryMiddleware m = retry(3, Duration.ZERO, null);
        assertThat(m.delayNanos(1, false, "GET")).isZero();
        assertThat(m.delayNanos(2, false, "GET")).isZero();
        assertThat(m.delayNanos(3, false, "GET")).as("the third try was the last").isNegative();
        assertThat(retry(1, Duration.ZERO, null).delayNanos(1, false, "GET")).as("attempts 1: never again").isNegative();
    }

    @Test
    void aFailedConnectIsRetriedWhateverTheMethodOnceSentOnlyTheIdempotentOnes() {
        RetryMiddleware m = retry(3, Duration.ZERO, null);
        assertThat(m.delayNanos(1, false, "POST")).as("nothing reached the server").isZero();
        assertThat(m.delayNanos(1, true, "POST")).as("the server may have run it").isNegative();
        assertThat(m.delayNanos(1, true, "PATCH")).isNegative();
        for (String idempotent : new String[] {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}) {
            assertThat(m.delayNanos(1, true, idempotent)).as(idempotent).isZero();
        }
    }

    @Test
    void methodsReplaceTheIdempotentDefault() {
        RetryMiddleware m = retry(3, Duration.ZERO, Set.of("post"));
        assertThat(m.delayNanos(1, true, "POST")).isZero();
        assertThat(m.delayNanos(1, true, "GET")).isNegative();
    }

    @Test
    void pausesGrowFromTheInitialIntervalToTwiceItAtTheLastTry() {
        RetryMiddleware m = retry(5, Duration.ofMillis(100), null);
        // growth 2^(1/4) per retry: 100, 118.9, 141.4, 168.2 ms before tries 2..5
        assertThat(m.delayNanos(1, false, "GET")).isEqualTo(100 * MS);
        assertThat(m.delayNanos(2, false, "GET")).isEqualTo((long) (100 * MS * Math.pow(2, 0.25)));
        assertThat(m.delayNanos(3, false, "GET")).isEqualTo((long) (100 * MS * Math.sqrt(2)));
        assertThat(m.delayNanos(4, false, "GET")).isEqualTo((long) (100 * MS * Math.pow(2, 0.75)));
        assertThat(m.delayNanos(5, false, "GET")).isNegative();
    }

    @Test
    void jitterSpreadsEachPauseOverHalfToOneAndAHalfTimesIt() {
        RetryMiddleware m = retry(2, Duration.ofMillis(100), null);
        random = 0;
        assertThat(m.delayNanos(1, false, "GET")).isEqualTo(50 * MS);
        random = 0.999;
        assertThat(m.delayNanos(1, false, "GET")).isEqualTo((long) (100 * MS * 1.499));
    }

    @Test
    void noInitialIntervalRetriesAtOnceWhateverTheRandomSource() {
        random = 0.9;
        assertThat(retry(4, Duration.ZERO, null).delayNanos(2, false, "GET")).isZero();
    }
}
