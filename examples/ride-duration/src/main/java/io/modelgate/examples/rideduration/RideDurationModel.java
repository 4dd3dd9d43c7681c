package io.modelgate.examples.rideduration;

import java.util.Map;
import java.util.Objects;

/**
 * The model: duration in minutes = {@code intercept + minutesPerMile × trip_distance}, plus
 * {@code sameZone} when pick-up and drop-off are the same zone (short hops lose time to finding the address).
 * Coefficients come from the environment, so "version 2" of the model is the same image with other numbers.
 */
public record RideDurationModel(String version, double intercept, double minutesPerMile, double sameZone) {

    /** Longest ride the model accepts, in miles: past this the input is a unit mistake, not a ride. */
    static final double MAX_DISTANCE = 500;

    public RideDurationModel {
        Objects.requireNonNull(version, "version");
        if (!Double.isFinite(intercept) || !Double.isFinite(minutesPerMile) || !Double.isFinite(sameZone)) {
            throw new IllegalArgumentException("model coefficients must be finite numbers");
        }
    }

    /** {@code MODEL_VERSION} (1), {@code MODEL_INTERCEPT} (4.0), {@code MODEL_MINUTES_PER_MILE} (3.5), {@code MODEL_SAME_ZONE} (2.0). */
    static RideDurationModel fromEnv(Map<String, String> env) {
        return new RideDurationModel(env.getOrDefault("MODEL_VERSION", "1"),
                number(env, "MODEL_INTERCEPT", 4.0), number(env, "MODEL_MINUTES_PER_MILE", 3.5),
                number(env, "MODEL_SAME_ZONE", 2.0));
    }

    /**
     * Predicted duration in minutes, rounded to two decimals.
     *
     * @throws IllegalArgumentException when the distance is missing, negative or implausible (the client's 400)
     */
    public double predict(RideFeatures ride) {
        Double distance = ride.tripDistance();
        if (distance == null) {
            throw new IllegalArgumentException("trip_distance is required (miles)");
        }
        if (!Double.isFinite(distance) || distance < 0 || distance > MAX_DISTANCE) {
            throw new IllegalArgumentException("trip_distance must be between 0 and " + (int) MAX_DISTANCE + " miles");
        }
        boolean sameZoneRide = ride.pickupZone() != null && ride.pickupZone().equals(ride.dropoffZone());
        double minutes = intercept + minutesPerMile * distance + (sameZoneRide ? sameZone : 0);
        return Math.round(minutes * 100) / 100.0;
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }
}
