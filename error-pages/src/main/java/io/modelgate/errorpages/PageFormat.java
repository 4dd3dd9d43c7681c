package io.modelgate.errorpages;

import java.util.Locale;

/** The two page formats, their file extension and content type, and the choice between them by Accept. */
public enum PageFormat {
    HTML("html", "text/html; charset=utf-8"),
    JSON("json", "application/json");

    private final String extension;
    private final String contentType;

    PageFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }

    /**
     * JSON when the client prefers a JSON type ({@code application/json} or any {@code +json}) over HTML
     * ({@code text/html}, {@code application/xhtml+xml}, {@code text/*}, {@code *}{@code /*}): higher q wins,
     * on a tie the one listed first. HTML when Accept is absent, unreadable or names neither.
     */
    public static PageFormat fromAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return HTML;
        }
        double jsonQ = 0;
        double htmlQ = 0;
        int jsonFirst = Integer.MAX_VALUE;
        int htmlFirst = Integer.MAX_VALUE;
        String[] ranges = accept.split(",");
        for (int i = 0; i < ranges.length; i++) {
            String[] parts = ranges[i].split(";", -1);
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (q <= 0) {
                continue;
            }
            if (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))) {
                if (q > jsonQ) {
                    jsonQ = q;
                    jsonFirst = i;
                }
            } else if (type.equals("text/html") || type.equals("application/xhtml+xml")
                    || type.equals("text/*") || type.equals("*/*")) {
                if (q > htmlQ) {
                    htmlQ = q;
                    htmlFirst = i;
                }
            }
        }
        if (jsonQ == 0) {
            return HTML;
        }
        return jsonQ > htmlQ || (jsonQ == htmlQ && jsonFirst < htmlFirst) ? JSON : HTML;
    }

    /** The q parameter, 1 when absent; an unreadable q counts as 0 (range ignored). */
    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2).strip());
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
