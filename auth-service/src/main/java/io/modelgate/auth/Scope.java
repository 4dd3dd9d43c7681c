package io.modelgate.auth;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One thing a token (or a plan) allows: {@code [METHODS ]TARGET}, where TARGET is
 * <ul>
 *   <li>{@code *}: every path;</li>
 *   <li>a model name ({@code sentiment}): requests to {@code /api/v1/sentiment/…}, and paths that address no
 *       model (outside {@code /api/v1/<model>}), as model scopes always did;</li>
 *   <li>a path prefix ({@code /api/v1/projects/demo/environments/prod/apps/tagging/}): that path and the ones
 *       below it, segment by segment ({@code /apps/tagging/} covers {@code /apps/tagging} and
 *       {@code /apps/tagging/predict}, never {@code /apps/tagging2}), on the {@linkplain Target normalized}
 *       path; nothing else;</li>
 * </ul>
 * and METHODS, optional, is {@code GET} or {@code GET|POST}: then only those methods. Scopes are stored
 * comma-separated, so no scope contains a comma.
 *
 * @param methods upper-case methods (kept in a fixed order: GET, HEAD, POST, …); empty for any
 * @param kind    what TARGET is
 * @param value   the model name, or the prefix with a trailing {@code /}; {@code *} for ALL
 */
public record Scope(List<String> methods, Kind kind, String value) {

    /** What a scope's target is. */
    public enum Kind { ALL, MODEL, PREFIX }

    /** The methods a scope may name, in the order its canonical text lists them. */
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()+=:@-]+");
    private static final String FORM = "a scope is '*', a model name (letters, digits, . _ -) or a path prefix "
            + "(/api/v1/…/), optionally after methods and a space ('POST /api/v1/x/', 'GET|POST sentiment')";

    public Scope {
        methods = METHODS.stream().filter(methods::contains).toList(); // canonical order, no repeats
    }

    /**
     * Parses one scope.
     *
     * @throws IllegalArgumentException naming the scope and the accepted form
     */
    public static Scope parse(String text) {
        String s = text == null ? "" : text.strip();
        Set<String> methods = new HashSet<>();
        int space = s.indexOf(' ');
        if (space > 0) {
            for (String m : s.substring(0, space).split("\\|", -1)) {
                String upper = m.toUpperCase(Locale.ROOT);
                if (!METHODS.contains(upper)) {
                    throw new IllegalArgumentException("scope '" + text + "': '" + m + "' is not a method (one of "
                            + String.join(", ", METHODS) + ")");
                }
                methods.add(upper);
            }
            s = s.substring(space + 1).strip();
        }
        if (s.equals("*")) {
            return new Scope(List.copyOf(methods), Kind.ALL, "*");
        }
        if (MODEL.matcher(s).matches()) {
            return new Scope(List.copyOf(methods), Kind.MODEL, s);
        }
        if (s.startsWith("/") && validPrefix(s)) {
            return new Scope(List.copyOf(methods), Kind.PREFIX, s.endsWith("/") ? s : s + "/");
        }
        throw new IllegalArgumentException("scope '" + text + "' is not valid: " + FORM
                + "; a prefix has no empty, '.' or '..' segments and no % , ; \\ or spaces");
    }

    private static boolean validPrefix(String s) {
        if (s.equals("/")) {
            return true;
        }
        String body = s.endsWith("/") ? s.substring(1, s.length() - 1) : s.substring(1);
        if (body.length() > 1000) {
            return false;
        }
        for (String seg : body.split("/", -1)) {
            if (!SEGMENT.matcher(seg).matches() || seg.equals(".") || seg.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Parses a list; empty or absent is {@code *}. Each scope in its canonical form. */
    public static List<Scope> parseAll(List<String> texts) {
        if (texts == null || texts.isEmpty()) {
            return List.of(parse("*"));
        }
        List<Scope> out = new ArrayList<>();
        for (String t : texts) {
            Scope s = parse(t);
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    /** True if this scope allows the request. */
    public boolean covers(Target t) {
        if (!methods.isEmpty() && (t.method() == null || !methods.contains(t.method()))) {
            return false;
        }
        return switch (kind) {
            case ALL -> true;
            case MODEL -> {
                String model = t.model();
                yield model == null || model.equals(value);
            }
            case PREFIX -> t.clear() && (t.path() + "/").startsWith(value);
        };
    }

    /** True if any of the scopes allows the request. */
    public static boolean anyCovers(List<Scope> scopes, Target t) {
        for (Scope s : scopes) {
            if (s.covers(t)) {
                return true;
            }
        }
        return false;
    }

    /** The canonical text: {@code GET|POST /api/v1/x/}, {@code sentiment}, {@code *}. */
    @Override
    public String toString() {
        return methods.isEmpty() ? value : String.join("|", methods) + " " + value;
    }
}
