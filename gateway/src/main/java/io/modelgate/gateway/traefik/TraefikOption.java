package io.modelgate.gateway.traefik;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;

/**
 * One Traefik static option (or a family of them) and what modelgate does with it.
 *
 * @param pattern lower-case key after Traefik's root, segments separated by dots: {@code <n>} stands for one
 *                name (an entry point, a resolver), a last {@code *} for any rest (see {@link #match})
 * @param support how far it maps
 * @param note    for {@link Support#DIFFERENT}: the difference (printed at start-up); for {@link Support#REFUSED}: why,
 *                and what to do; for {@link Support#SUPPORTED}: a remark for the migration guide, or empty
 * @param mapper  writes the modelgate properties; null for refused options
 */
record TraefikOption(String pattern, Support support, String note, Mapper mapper) {

    /** The three answers of the migration guide's table. */
    enum Support {
        SUPPORTED("supported"), DIFFERENT("supported with a difference"), REFUSED("not supported");

        final String label;

        Support(String label) {
            this.label = label;
        }
    }

    /** Writes the properties one option's value means. */
    @FunctionalInterface
    interface Mapper {

        /**
         * @param names the values of the pattern's {@code <n>} segments, in order (lower case)
         * @param value the option's value ({@code true} for a flag given without one)
         * @throws IllegalArgumentException with an operator-readable message if the value is invalid
         */
        void apply(List<String> names, String value, TraefikTranslation.Builder out);
    }

    TraefikOption {
        requireNonNull(pattern, "pattern");
        requireNonNull(support, "support");
        requireNonNull(note, "note");
        if ((mapper == null) != (support == Support.REFUSED)) {
            throw new IllegalArgumentException(pattern + ": only refused options have no mapper");
        }
    }

    /**
     * The {@code <n>} values if {@code key} (lower case, Traefik's form) is this option, else null. A last
     * segment {@code *} matches one segment or more; {@code foo*} matches a segment starting with {@code foo}
     * (such as {@code domains[0]}) and anything after it; either adds what it matched ({@code domains[0].main})
     * as the last value.
     */
    List<String> match(String key) {
        String[] want = pattern.split("\\.");
        String[] got = key.toLowerCase(Locale.ROOT).split("\\.");
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < want.length; i++) {
            boolean last = i == want.length - 1;
            if (last && want[i].equals("*")) {
                return got.length > i ? rest(names, got, i) : null;
            }
            if (i >= got.length) {
                return null;
            }
            if (last && want[i].endsWith("*")) {
                return got[i].startsWith(want[i].substring(0, want[i].length() - 1)) ? rest(names, got, i) : null;
            }
            if (want[i].equals("<n>")) {
                names.add(got[i]);
            } else if (!want[i].equals(got[i])) {
                return null;
            }
        }
        return got.length == want.length ? names : null;
    }

    private static List<String> rest(List<String> names, String[] got, int from) {
        names.add(String.join(".", java.util.Arrays.asList(got).subList(from, got.length)));
        return names;
    }
}
