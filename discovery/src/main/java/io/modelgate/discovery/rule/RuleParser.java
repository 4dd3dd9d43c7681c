package io.modelgate.discovery.rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses Traefik v2 rules. Grammar, lowest precedence first:
 * <pre>
 *   or      := and ( '||' and )*
 *   and     := unary ( '&amp;&amp;' unary )*
 *   unary   := '!' unary | '(' or ')' | matcher
 *   matcher := NAME '(' string ( ',' string )* ')'
 *   string  := '`' chars '`' | '"' chars-with-\"-and-\\-escapes '"'
 * </pre>
 * Matcher names are case-insensitive ({@code Host}, {@code host}, {@code HOST}), as Traefik v2 accepts.
 * Every error is a {@link RuleSyntaxException} carrying the position where it was found.
 */
public final class RuleParser {

    private static final Map<String, String> MATCHERS = Map.ofEntries(
            Map.entry("host", "Host"), Map.entry("hostheader", "Host"), Map.entry("hostregexp", "HostRegexp"),
            Map.entry("path", "Path"), Map.entry("pathprefix", "PathPrefix"), Map.entry("method", "Method"),
            Map.entry("headers", "Headers"), Map.entry("headersregexp", "HeadersRegexp"),
            Map.entry("query", "Query"), Map.entry("clientip", "ClientIP"));

    private final String s;
    private int pos;

    private RuleParser(String s) {
        this.s = s;
    }

    /** @throws RuleSyntaxException with the position of the first problem */
    public static Rule parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw new RuleSyntaxException(0, "empty rule");
        }
        RuleParser p = new RuleParser(rule);
        Rule r = p.or();
        p.skipSpace();
        if (p.pos < rule.length()) {
            throw new RuleSyntaxException(p.pos, "unexpected " + p.describe() + " after a complete rule");
        }
        return r;
    }

    private Rule or() {
        Rule left = and();
        while (eat("||")) {
            left = new Rule.Or(left, and());
        }
        return left;
    }

    private Rule and() {
        Rule left = unary();
        while (eat("&&")) {
            left = new Rule.And(left, unary());
        }
        return left;
    }

    private Rule unary() {
        skipSpace();
        if (eat("!")) {
            return new Rule.Not(unary());
        }
        int open = pos;
        if (eat("(")) {
            Rule inner = or();
            if (!eat(")")) {
                throw new RuleSyntaxException(pos, "expected ')' to close '(' at " + open + " but found " + describe());
            }
            return inner;
        }
        return matcher();
    }

    private Rule matcher() {
        skipSpace();
        int start = pos;
        while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
            pos++;
        }
        String name = s.substring(start, pos);
        if (name.isEmpty()) {
            throw new RuleSyntaxException(pos, "expected a matcher, '!' or '(' but found " + describe());
        }
        String canonical = MATCHERS.get(name.toLowerCase(Locale.ROOT));
        if (canonical == null) {
            throw new RuleSyntaxException(start, "unknown matcher '" + name
                    + "' (known: Host, HostRegexp, Path, PathPrefix, Method, Headers, HeadersRegexp, Query, ClientIP)");
        }
        if (!eat("(")) {
            throw new RuleSyntaxException(pos, "expected '(' after " + name + " but found " + describe());
        }
        List<String> args = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        skipSpace();
        if (peek(')')) {
            throw new RuleSyntaxException(pos, name + " needs at least one argument");
        }
        do {
            skipSpace();
            positions.add(pos);
            args.add(string());
        } while (eat(","));
        if (!eat(")")) {
            throw new RuleSyntaxException(pos, "expected ',' or ')' in " + name + "(...) but found " + describe());
        }
        return build(canonical, name, start, args, positions);
    }

    private Rule build(String matcher, String written, int start, List<String> args, List<Integer> at) {
        return switch (matcher) {
            case "Host" -> new Rule.Host(args.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList());
            case "HostRegexp" -> new Rule.HostRegexp(templates(args, at, "[^.]+", Pattern.CASE_INSENSITIVE));
            case "Path" -> new Rule.Path(templates(args, at, "[^/]+", 0));
            case "PathPrefix" -> new Rule.PathPrefix(templates(args, at, "[^/]+", 0));
            case "Method" -> new Rule.Method(new LinkedHashSet<>(args.stream().map(a -> a.toUpperCase(Locale.ROOT)).toList()));
            case "Headers" -> {
                twoArgs(written, start, args);
                yield new Rule.Headers(args.get(0), args.get(1));
            }
            case "HeadersRegexp" -> {
                twoArgs(written, start, args);
                try {
                    yield new Rule.HeadersRegexp(args.get(0), Pattern.compile(args.get(1)));
                } catch (PatternSyntaxException e) {
                    throw new RuleSyntaxException(at.get(1), "bad regexp: " + e.getDescription());
                }
            }
            case "Query" -> query(args, at);
            case "ClientIP" -> {
                List<Cidr> ranges = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) {
                    try {
                        ranges.add(Cidr.parse(args.get(i)));
                    } catch (IllegalArgumentException e) {
                        throw new RuleSyntaxException(at.get(i), e.getMessage());
                    }
                }
                yield new Rule.ClientIp(List.copyOf(ranges));
            }
            default -> throw new IllegalStateException(matcher);
        };
    }

    private static List<Template> templates(List<String> args, List<Integer> at, String defaultVariable, int flags) {
        List<Template> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            out.add(Template.compile(args.get(i), defaultVariable, flags, at.get(i)));
        }
        return List.copyOf(out);
    }

    private static Rule query(List<String> args, List<Integer> at) {
        List<String> keys = new ArrayList<>();
        List<Template> values = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            String key = eq < 0 ? a : a.substring(0, eq);
            if (key.isEmpty()) {
                throw new RuleSyntaxException(at.get(i), "Query argument " + Template.quote(a) + " has no parameter name");
            }
            keys.add(key);
            values.add(eq < 0 ? null : Template.compile(a.substring(eq + 1), ".*", 0, at.get(i)));
        }
        return new Rule.Query(List.copyOf(keys), java.util.Collections.unmodifiableList(values));
    }

    private static void twoArgs(String name, int start, List<String> args) {
        if (args.size() != 2) {
            throw new RuleSyntaxException(start, name + " takes 2 arguments (name, value), got " + args.size());
        }
    }

    private String string() {
        if (pos >= s.length()) {
            throw new RuleSyntaxException(pos, "expected a quoted string but the rule ended");
        }
        char quote = s.charAt(pos);
        if (quote == '`') {
            int end = s.indexOf('`', pos + 1);
            if (end < 0) {
                throw new RuleSyntaxException(pos, "unterminated string");
            }
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }
        if (quote == '"') {
            int start = pos;
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        break;
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case '"', '\\' -> b.append(e);
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        default -> throw new RuleSyntaxException(pos - 2, "unknown escape '\\" + e + "'");
                    }
                } else {
                    b.append(c);
                }
            }
            throw new RuleSyntaxException(start, "unterminated string");
        }
        throw new RuleSyntaxException(pos, "expected a string in backticks or double quotes but found " + describe());
    }

    private boolean eat(String token) {
        skipSpace();
        if (s.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private boolean peek(char c) {
        return pos < s.length() && s.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private String describe() {
        skipSpace();
        if (pos >= s.length()) {
            return "the end of the rule";
        }
        if (s.startsWith("&&", pos) || s.startsWith("||", pos)) {
            return "'" + s.substring(pos, pos + 2) + "'";
        }
        return "'" + s.charAt(pos) + "'";
    }
}
