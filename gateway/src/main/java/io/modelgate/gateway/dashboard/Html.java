package io.modelgate.gateway.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Builds a page. Everything that comes from configuration, labels or requests goes through {@link #text} or
 * an attribute value, both escaped; only the page's own markup is added raw. There is no other way to add
 * text, so a label value such as {@code <script>} is shown, never run.
 */
final class Html {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder(8192);

    /** {@code & < > " '} as entities: safe in text and in quoted attribute values. */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (entity != null) {
                    b.append(entity);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** A name as one path segment of a link ({@code m@file} → {@code m%40file}). */
    static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The page's own markup (constants only). */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** Text, escaped; null shows as nothing. */
    Html text(Object value) {
        out.append(escape(value == null ? null : value.toString()));
        return this;
    }

    /** {@code <tag attr="value"...>}; attribute values escaped. */
    Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
        out.append('>');
        return this;
    }

    Html close(String tag) {
        out.append("</").append(tag).append('>');
        return this;
    }

    /** {@code <tag>text</tag>}. */
    Html element(String tag, Object text) {
        return open(tag).text(text).close(tag);
    }

    Html cell(Object text) {
        return element("td", text);
    }

    /** A cell with a class (a status colour, say). */
    Html cell(Object text, String cssClass) {
        return open("td", "class", cssClass).text(text).close("td");
    }

    Html link(String href, Object text) {
        return open("a", "href", href).text(text).close("a");
    }

    /** A table's header row. */
    Html head(String... columns) {
        raw("<thead><tr>");
        for (String c : columns) {
            element("th", c);
        }
        return raw("</tr></thead>");
    }

    static String time(Instant t) {
        return t == null ? "–" : TIME.format(t);
    }

    static String time(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Seconds as milliseconds ({@code 12.5 ms}), or {@code –}. */
    static String millis(double seconds) {
        return Double.isNaN(seconds) ? "–" : String.format(Locale.ROOT, "%.1f ms", seconds * 1000);
    }

    static String rate(double perSecond) {
        return Double.isNaN(perSecond) ? "–" : String.format(Locale.ROOT, "%.2f", perSecond);
    }

    static String percent(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
