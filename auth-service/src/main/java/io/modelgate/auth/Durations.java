package io.modelgate.auth;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Token lifetimes as operators write them: {@code 90m}, {@code 12h}, {@code 30d}, {@code 52w}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smhdw])");

    private Durations() {
    }

    /** @throws IllegalArgumentException with the accepted form */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException("expires must be a positive number with a unit s, m, h, d or w "
                    + "(such as 30d), got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
