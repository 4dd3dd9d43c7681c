package io.modelgate.auth;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Token lifetimes as operators write them: {@code 90m}, {@code 12h}, {@code 30d}, {@code 52w}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smhdw])");

    private Durations() {
    }

    /** A token's lifetime: positive. @throws IllegalArgumentException with the accepted form */
    public static Duration parse(String text) {
        return parse(text, "expires", false);
    }

    /**
     * @param what        the option's name, for the message
     * @param zeroAllowed whether {@code 0s} is a value (a rotation's overlap may be none)
     * @throws IllegalArgumentException with the accepted form
     */
    public static Duration parse(String text, String what, boolean zeroAllowed) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches() || !zeroAllowed && Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(what + " must be a " + (zeroAllowed ? "" : "positive ")
                    + "number with a unit s, m, h, d or w (such as " + (zeroAllowed ? "24h" : "30d") + "), got '" + text + "'");
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
