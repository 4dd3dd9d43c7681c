package io.modelgate.auth;

import java.util.regex.Pattern;

/** User and plan names: they travel as header values, so letters, digits and {@code @ . _ + -} only. */
final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9@._+-]*");

    private Names() {
    }

    /** @throws IllegalArgumentException naming the field and the form */
    static String require(String value, String what, int max) {
        if (value == null || value.length() > max || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1-" + max + " characters: letters, digits and @ . _ + - "
                    + "(it is sent as a header), got '" + value + "'");
        }
        return value;
    }

    static String user(String value) {
        return require(value, "user", 200);
    }

    static String plan(String value) {
        return require(value, "plan", 100);
    }
}
