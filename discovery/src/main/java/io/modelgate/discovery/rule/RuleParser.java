package io.modelgate.discovery.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Traefik rules, v2 or v3 (the grammar is the same; {@link MatcherBuilder} gives the matchers their
 * meaning by the router's {@link RuleSyntax}). Grammar, lowest precedence first:
 * <pre>
 *   or      := and ( '||' and )*
 *   and     := unary ( '&amp;&amp;' unary )*
 *   unary   := '!' unary | '(' or ')' | matcher
 *   matcher := NAME '(' string ( ',' string )* ')'
 *   string  := '`' chars '`' | '"' chars-with-\"-and-\\-escapes '"'
 * </pre>
 * Matcher names are case-insensitive ({@code Host}, {@code host}, {@code HOST}), as Traefik accepts.
 * Every error is a {@link RuleSyntaxException} carrying the position where it was found.
 */
public final class RuleParser {

    private final String s;
    private final MatcherBuilder matchers;
    private int pos;

    private RuleParser(String s, RuleSyntax syntax) {
        this.s = s;
        this.matchers = new MatcherBuilder(syntax);
    }

    /**
     * A rule with no {@code ruleSyntax} given: each matcher read by its form ({@link RuleSyntax#AUTO}).
     *
     * @throws RuleSyntaxException with the position of the first problem
     */
    public static Rule parse(String rule) {
        return parse(rule, RuleSyntax.AUTO);
    }

    /** @throws RuleSyntaxException with the position of the first problem */
    public static Rule parse(String rule, RuleSyntax syntax) {
        if (rule == null || rule.isBlank()) {
            throw new RuleSyntaxException(0, "empty rule");
        }
        RuleParser p = new RuleParser(rule, syntax);
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
        String canonical = matchers.canonical(name, start);
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
        return matchers.build(canonical, name, start, args, positions);
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
