package io.modelgate.discovery.config;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A set of HTTP status codes written the way Traefik's {@code errors.status} is: single codes and
 * inclusive ranges, e.g. {@code ["500-599", "404"]}. Only 100–599 are valid.
 */
public final class StatusRanges {

    private final BitSet codes;
    private final List<String> source;

    private StatusRanges(BitSet codes, List<String> source) {
        this.codes = codes;
        this.source = List.copyOf(source);
    }

    /**
     * Parses items such as {@code "404"} and {@code "500-599"}; each item may itself be a comma-separated
     * list (the form a Docker label takes).
     *
     * @throws IllegalArgumentException naming the first bad item
     */
    public static StatusRanges parse(List<String> items) {
        BitSet codes = new BitSet(600);
        List<String> parts = new ArrayList<>();
        for (String item : items) {
            for (String raw : item.split(",")) {
                String part = raw.trim();
                if (part.isEmpty()) {
                    continue;
                }
                int dash = part.indexOf('-', 1);
                int from = code(dash < 0 ? part : part.substring(0, dash), part);
                int to = dash < 0 ? from : code(part.substring(dash + 1), part);
                if (to < from) {
                    throw new IllegalArgumentException("status range '" + part + "' ends before it starts");
                }
                codes.set(from, to + 1);
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("status needs at least one code or range, such as 500-599");
        }
        return new StatusRanges(codes, parts);
    }

    private static int code(String s, String item) {
        try {
            int c = Integer.parseInt(s.trim());
            if (c >= 100 && c <= 599) {
                return c;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("status '" + item + "' is not a code or range of codes within 100-599");
    }

    public boolean contains(int status) {
        return status >= 0 && codes.get(status);
    }

    /** The items as written, normalized (trimmed, one per element). */
    public List<String> items() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusRanges s && s.codes.equals(codes);
    }

    @Override
    public int hashCode() {
        return codes.hashCode();
    }

    @Override
    public String toString() {
        return String.join(",", source);
    }
}
