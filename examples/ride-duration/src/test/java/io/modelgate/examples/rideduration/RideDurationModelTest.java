package io.modelgate.examples.rideduration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RideDurationModelTest {

    static final RideDurationModel DEFAULTS = RideDurationModel.fromEnv(Map.of());

    @Test
    void durationIsInterceptPlusMinutesPerMile() {
        // 4.0 + 3.5 × 2.0 = 11.0; 4.0 + 3.5 × 0.3 = 5.05
        assertThat(DEFAULTS.predict(new RideFeatures(43, 151, 2.0))).isEqualTo(11.0);
        assertThat(DEFAULTS.predict(new RideFeatures(null, null, 0.3))).isEqualTo(5.05);
    }

    @Test
    void aRideWithinOneZoneCostsTheSameZoneMinutesMore() {
        assertThat(DEFAULTS.predict(new RideFeatures(43, 43, 2.0))).isEqualTo(13.0);
    }

    @Test
    void coefficientsAndVersionComeFromTheEnvironment() {
        RideDurationModel v2 = RideDurationModel.fromEnv(Map.of("MODEL_VERSION", "2", "MODEL_INTERCEPT", "1",
                "MODEL_MINUTES_PER_MILE", " 2.25 ", "MODEL_SAME_ZONE", "0"));
        assertThat(v2.version()).isEqualTo("2");
        assertThat(v2.predict(new RideFeatures(7, 7, 4.0))).isEqualTo(10.0);
    }

    @Test
    void aBadCoefficientStopsTheServerAtStartWithItsName() {
        assertThatThrownBy(() -> RideDurationModel.fromEnv(Map.of("MODEL_INTERCEPT", "four")))
                .hasMessageContaining("MODEL_INTERCEPT").hasMessageContaining("four");
        assertThatThrownBy(() -> RideDurationModel.fromEnv(Map.of("MODEL_MINUTES_PER_MILE", "NaN")))
                .hasMessageContaining("finite");
    }

    @Test
    void missingOrImplausibleDistancesAreTheClientsError() {
        assertThatThrownBy(() -> DEFAULTS.predict(new RideFeatures(1, 2, null))).hasMessageContaining("trip_distance is required");
        assertThatThrownBy(() -> DEFAULTS.predict(new RideFeatures(1, 2, -1.0))).hasMessageContaining("between 0 and 500");
        assertThatThrownBy(() -> DEFAULTS.predict(new RideFeatures(1, 2, 501.0))).hasMessageContaining("between 0 and 500");
        assertThatThrownBy(() -> DEFAULTS.predict(new RideFeatures(1, 2, Double.POSITIVE_INFINITY))).isInstanceOf(IllegalArgumentException.class);
    }
}
