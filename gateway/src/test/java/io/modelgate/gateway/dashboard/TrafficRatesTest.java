package io.modelgate.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.modelgate.gateway.metrics.TrafficSnapshot;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Rates from running totals on an injected clock: none at first look, then over the window. */
class TrafficRatesTest {

    private static final double[] BOUNDS = {0.1, 0.3, 1.2, 5.0};
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final TrafficRates rates = new TrafficRates(clock::get);

    /** {@code ok} 2xx answers and {@code errors} 5xx, all under 100 ms. */
    static TrafficSnapshot totals(long ok, long errors) {
        long all = ok + errors;
        return new TrafficSnapshot(new long[] {0, 0, ok, 0, 0, errors}, all * 0.05, BOUNDS, new long[] {all, all, all, all});
    }

    private void advance(long seconds) {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }

    @Test
    void firstLookHasNoRateButTotalsAndSinceStartFigures() {
        Traffic t = rates.of("router:r", totals(90, 10));
        assertThat(t.total()).isEqualTo(100);
        assertThat(t.perSecond()).isNaN();
        assertThat(t.errorRatio()).isEqualTo(0.1);
        assertThat(t.windowSeconds()).isZero();
        assertThat(t.p50()).isLessThanOrEqualTo(0.1);
    }

    @Test
    void laterLooksMeasureTheWindow() {
        rates.of("router:r", totals(100, 0));
        advance(4);
        Traffic t = rates.of("router:r", totals(140, 40));
        assertThat(t.perSecond()).isCloseTo(20.0, within(1e-9)); // 80 requests in 4 s
        assertThat(t.errorRatio()).isEqualTo(0.5); // of those 80, 40 were 5xx
        assertThat(t.windowSeconds()).isEqualTo(4.0);
    }

    @Test
    void samplesOlderThanTheWindowAreForgotten() {
        rates.of("router:r", totals(0, 0));
        advance(40);
        Traffic t = rates.of("router:r", totals(1000, 0));
        assertThat(t.perSecond()).as("the sample 40 s ago is outside the 30 s window").isNaN();
        advance(10);
        assertThat(rates.of("router:r", totals(1100, 0)).perSecond()).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void metersThatStartedOverAreShownWhole() {
        rates.of("router:r", totals(500, 0));
        advance(2);
        Traffic t = rates.of("router:r", totals(3, 0)); // the router was removed and came back
        assertThat(t.perSecond()).isNaN();
        assertThat(t.total()).isEqualTo(3);
    }

    @Test
    void noMetersNoTrafficAndUnlookedMetersArePruned() {
        assertThat(rates.of("router:gone", null)).isEqualTo(Traffic.NONE);
        rates.of("router:a", totals(1, 0));
        rates.of("router:b", totals(1, 0));
        advance(31);
        rates.of("router:a", totals(2, 0));
        assertThat(rates.tracked()).isEqualTo(1);
    }
}
