package io.modelgate.discovery.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Traefik's Docker constraints: which workloads the provider considers at all, as an expression over
 * their labels — {@code Label(`key`,`value`)}, {@code LabelRegex(`key`,`regexp`)}, {@code &&}, {@code ||},
 * {@code !} and parentheses. Parsed once at start-up; a bad expression is a start-up error with its position.
 */
public final class Constraints implements Predicate<Map<String, String>> {

    private static final Constraints NONE = new Constraints(labels -> true, "");

    private final Predicate<Map<String, String>> expression;
    private final String text;

    private Constraints(Predicate<Map<String, String>> expression, String text) {
        this.expression = expression;
        this.text = text;
    }

    public static Constraints parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        Parser p = new Parser(text);
        Predicate<Map<String, String>> e = p.or();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new Constraints(e, text);
    }

    @Override
    public boolean test(Map<String, String> labels) {
        return expression.test(labels);
    }

    @Override
    public String toString() {
        return text.isEmpty() ? "no constraints" : text;
    }

    /** Recursive descent: or := and ('||' and)*; and := unary ('&&' unary)*; unary := '!' unary | '(' or ')' | call. */
    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        Predicate<Map<String, String>> or() {
            Predicate<Map<String, String>> left = and();
            while (eat("||")) {
                left = left.or(and());
            }
            return left;
        }

        Predicate<Map<String, String>> and() {
            Predicate<Map<String, String>> left = unary();
            while (eat("&&")) {
                left = left.and(unary());
            }
            return left;
        }

        Predicate<Map<String, String>> unary() {
            if (eat("!")) {
                return unary().negate();
            }
            if (eat("(")) {
                Predicate<Map<String, String>> inner = or();
                if (!eat(")")) {
                    throw error("expected ')'");
                }
                return inner;
            }
            return call();
        }

        Predicate<Map<String, String>> call() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
                pos++;
            }
            String name = s.substring(start, pos);
            if (name.isEmpty()) {
                throw error("expected Label or LabelRegex");
            }
            if (!eat("(")) {
                throw error("expected '(' after " + name);
            }
            int argPos = pos;
            List<String> args = new ArrayList<>();
            do {
                args.add(string());
            } while (eat(","));
            if (!eat(")")) {
                throw error("expected ')'");
            }
            if (args.size() != 2) {
                throw new IllegalArgumentException("constraints: position " + start + ": " + name
                        + " takes 2 arguments, got " + args.size());
            }
            String key = args.get(0);
            String value = args.get(1);
            return switch (name) {
                case "Label" -> labels -> value.equals(labels.get(key));
                case "LabelRegex" -> {
                    Pattern re;
                    try {
                        re = Pattern.compile(value);
                    } catch (PatternSyntaxException e) {
                        throw new IllegalArgumentException("constraints: position " + argPos + ": bad regexp: "
                                + e.getDescription());
                    }
                    // as Traefik (Go's regexp.MatchString): a match anywhere, a missing label reads as ""
                    yield labels -> re.matcher(labels.getOrDefault(key, "")).find();
                }
                default -> throw new IllegalArgumentException("constraints: position " + start
                        + ": unknown matcher '" + name + "' (known: Label, LabelRegex)");
            };
        }

        String string() {
            skipSpace();
            if (pos >= s.length() || (s.charAt(pos) != '`' && s.charAt(pos) != '"')) {
                throw error("expected a quoted string");
            }
            char quote = s.charAt(pos);
            int end = s.indexOf(quote, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String value = s.substring(pos + 1, end);
            pos = end + 1;
            return value;
        }

        boolean eat(String token) {
            skipSpace();
            if (s.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("constraints: position " + pos + ": " + message);
        }
    }
}
