package io.modelgate.examples.rideduration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One ride to predict, as the taxi-trip feature names go ({@code PULocationID}, {@code DOLocationID},
 * {@code trip_distance} in miles). Only the distance is required; other fields a client sends are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RideFeatures(
        @JsonProperty("PULocationID") Integer pickupZone,
        @JsonProperty("DOLocationID") Integer dropoffZone,
        @JsonProperty("trip_distance") Double tripDistance) {
}
