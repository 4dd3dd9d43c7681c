package io.modelgate.gateway.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WeightedRoundRobinTest {

    static Stream<Arguments> weights() {
        return Stream.of(
                Arguments.of(new int[] {1}, new int[] {1}),
                Arguments.of(new int[] {1, 1, 1}, new int[] {1, 1, 1}),
                Arguments.of(new int[] {3, 1}, new int[] {3, 1}),
                Arguments.of(new int[] {5, 1, 1}, new int[] {5, 1, 1}),
                Arguments.of(new int[] {2, 4}, new int[] {1, 2}),          // reduced by the gcd
                Arguments.of(new int[] {0, 1}, new int[] {0, 1}),          // weight 0 takes a server out
                Arguments.of(new int[] {100, 100, 50}, new int[] {2, 2, 1}));
    }

    @ParameterizedTest
    @MethodSource("weights")
    void oneCycleServesEachServerInProportion(int[] weights, int[] expectedPerCycle) {
        int[] schedule = WeightedRoundRobin.smoothSchedule(weights);
        int[] counts = new int[weights.length];
        for (int i : schedule) {
            counts[i]++;
        }
        assertThat(counts).containsExactly(expectedPerCycle);
    }

    @Test
    void heavyServersAreSpreadNotBunched() {
        // nginx's smooth WRR for 5,1,1 gives a a b a c a a: never b and c back to back, a at most twice in a row
        int[] schedule = WeightedRoundRobin.smoothSchedule(new int[] {5, 1, 1});
        assertThat(schedule).containsExactly(0, 0, 1, 0, 2, 0, 0);
    }

    @Test
    void nextWalksTheScheduleAcrossCycles() {
        WeightedRoundRobin<String> rr = new WeightedRoundRobin<>(List.of("a", "b", "c"), new int[] {1, 1, 1});
        List<String> picks = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            picks.add(rr.next());
        }
        assertThat(picks).containsExactly("a", "b", "c", "a", "b", "c", "a");
    }

    @Test
    void emptyWhenNoServerOrAllWeightsZero() {
        assertThat(new WeightedRoundRobin<String>(List.of(), new int[0]).next()).isNull();
        WeightedRoundRobin<String> zero = new WeightedRoundRobin<>(List.of("a"), new int[] {0});
        assertThat(zero.isEmpty()).isTrue();
        assertThat(zero.next()).isNull();
    }

    @Test
    void hugeWeightsAreScaledButKeepEveryServer() {
        int[] schedule = WeightedRoundRobin.smoothSchedule(new int[] {1_000_000, 1, 999_999});
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i : schedule) {
            counts.merge(i, 1, Integer::sum);
        }
        assertThat(schedule.length).isLessThanOrEqualTo(4100);
        assertThat(counts).containsKeys(0, 1, 2);
        assertThat(counts.get(0)).isCloseTo(counts.get(2), org.assertj.core.data.Percentage.withPercentage(1));
    }

    @Test
    void rejectsNegativeWeightsAndMismatchedLengths() {
        assertThatThrownBy(() -> WeightedRoundRobin.smoothSchedule(new int[] {-1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeightedRoundRobin<>(List.of("a"), new int[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
