package io.modelgate.examples.rideduration;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The demo switches: answer every prediction late ({@code delay}) and/or with an error status
 * ({@code failStatus}, 0 = off). The container's environment sets them for every request
 * ({@code MODEL_DELAY_MS}, {@code MODEL_FAIL_STATUS}); a request's {@code ?delay_ms=} and {@code ?fail=} set them
 * for that request only, so one test can ask for a slow or failing answer without restarting anything.
 */
record Faults(Duration delay, int failStatus) {

    /** Longer than any gateway timeout worth testing, short enough that a typo does not hold a thread for hours. */
    static final Duration MAX_DELAY = Duration.ofSeconds(60);
    static final Faults NONE = new Faults(Duration.ZERO, 0);

    Faults {
        if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay must be between 0 and " + MAX_DELAY.toMillis() + " ms");
        }
        if (failStatus != 0 && (failStatus < 400 || failStatus > 599)) {
            throw new IllegalArgumentException("fail status must be 400-599 (or 0 for off), got " + failStatus);
        }
    }

    static Faults fromEnv(Map<String, String> env) {
        return NONE.with(Optional.ofNullable(env.get("MODEL_DELAY_MS")), Optional.ofNullable(env.get("MODEL_FAIL_STATUS")),
                "MODEL_DELAY_MS", "MODEL_FAIL_STATUS");
    }

    /** These switches with the request's {@code delay_ms} and {@code fail} parameters applied on top. */
    Faults withQuery(String rawQuery) {
        return with(QueryParams.first(rawQuery, "delay_ms"), QueryParams.first(rawQuery, "fail"), "delay_ms", "fail");
    }

    private Faults with(Optional<String> delayMs, Optional<String> fail, String delayName, String failName) {
        Duration d = delayMs.filter(v -> !v.isBlank()).map(v -> Duration.ofMillis(integer(v, delayName))).orElse(delay);
        int s = fail.filter(v -> !v.isBlank()).map(v -> (int) integer(v, failName)).orElse(failStatus);
        return new Faults(d, s);
    }

    private static long integer(String value, String name) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
