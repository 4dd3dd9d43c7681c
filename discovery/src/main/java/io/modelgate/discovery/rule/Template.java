package io.modelgate.discovery.rule;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Gorilla-mux style templates as Traefik v2 uses them in HostRegexp, Path, PathPrefix and Query:
 * literal text plus {@code {name}} or {@code {name:regexp}} variables. Everything outside braces is literal.
 *
 * @param text          the template as written
 * @param literalPrefix the text before the first variable (all of it if there is none)
 * @param pattern       the compiled template, or null if it has no variable
 */
record Template(String text, String literalPrefix, Pattern pattern) {

    boolean isLiteral() {
        return pattern == null;
    }

    /** Whether the whole of {@code value} matches one of the templates (literals compared without regex). */
    static boolean anyMatches(java.util.List<Template> templates, String value, boolean ignoreCase) {
        for (Template t : templates) {
            boolean match = t.isLiteral()
                    ? (ignoreCase ? t.text().equalsIgnoreCase(value) : t.text().equals(value))
                    : t.pattern().matcher(value).matches();
            if (match) {
                return true;
            }
        }
        return false;
    }

    /** A template that is its text, braces included (Traefik v3's Path and PathPrefix take no variables). */
    static Template literal(String text) {
        return new Template(text, text, null);
    }

    /**
     * @param defaultVariable regexp of a variable without one ({@code [^.]+} in hosts, {@code [^/]+} in paths)
     * @param flags           Pattern flags (case-insensitive for hosts)
     * @param position        where the argument starts, for errors
     */
    static Template compile(String text, String defaultVariable, int flags, int position) {
        int first = text.indexOf('{');
        if (first < 0) {
            if (text.indexOf('}') >= 0) {
                throw new RuleSyntaxException(position, "unbalanced '}' in " + quote(text));
            }
            return new Template(text, text, null);
        }
        StringBuilder re = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            if (open < 0) {
                literal(re, text.substring(i), position);
                break;
            }
            literal(re, text.substring(i, open), position);
            int depth = 0;
            int close = -1;
            for (int j = open; j < text.length(); j++) {
                char c = text.charAt(j);
                if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    close = j;
                    break;
                }
            }
            if (close < 0) {
                throw new RuleSyntaxException(position, "unbalanced '{' in " + quote(text));
            }
            String variable = text.substring(open + 1, close);
            int colon = variable.indexOf(':');
            String name = colon < 0 ? variable : variable.substring(0, colon);
            if (name.isBlank()) {
                throw new RuleSyntaxException(position, "template variable without a name in " + quote(text));
            }
            String regexp = colon < 0 ? defaultVariable : variable.substring(colon + 1);
            standalone(regexp, text, position);
            re.append("(?:").append(regexp).append(')');
            i = close + 1;
        }
        try {
            return new Template(text, text.substring(0, first), Pattern.compile(re.toString(), flags));
        } catch (PatternSyntaxException e) {
            throw new RuleSyntaxException(position, "bad regexp in " + quote(text) + ": " + e.getDescription());
        }
    }

    /**
     * A variable's regexp must be a whole regexp by itself: {@code {x:a)|(.*}} would otherwise close the group it is
     * put in and turn the template into an alternation that matches anything ({@code (?:a)|(.*)\Q.example\E}).
     */
    private static void standalone(String regexp, String text, int position) {
        try {
            Pattern.compile(regexp);
        } catch (PatternSyntaxException e) {
            throw new RuleSyntaxException(position, "bad regexp in " + quote(text) + ": " + e.getDescription());
        }
    }

    private static void literal(StringBuilder re, String part, int position) {
        if (part.indexOf('}') >= 0) {
            throw new RuleSyntaxException(position, "unbalanced '}'");
        }
        if (!part.isEmpty()) {
            re.append(Pattern.quote(part));
        }
    }

    static String quote(String s) {
        return "`" + s + "`";
    }

    @Override
    public String toString() {
        return quote(text);
    }
}
