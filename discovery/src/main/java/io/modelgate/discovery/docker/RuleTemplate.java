package io.modelgate.discovery.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code default-rule} template: the subset of Traefik's Go templates that default rules use —
 * {@code {{ .Name }}}, {@code {{ normalize .Name }}} and {@code {{ index .Labels "key" }}}. Anything else
 * is a start-up error, not a rule that silently never matches.
 *
 * <p>Unlike Traefik (whose text/template pastes values raw), a value can never become rule syntax: label values
 * come from whoever built the image or started the container, and a value such as {@code x`) || PathPrefix(`/}
 * would otherwise widen the route to every path. Each action must therefore sit inside a quoted string of the
 * template; inside {@code "…"} the value is escaped ({@code \\}, {@code \"}), inside {@code `…`} (raw, no escapes
 * in the rule language) a value holding a backtick is refused and the router is dropped with a problem.
 */
final class RuleTemplate {

    private static final Pattern ACTION = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern INDEX = Pattern.compile("index\\s+\\.Labels\\s+\"([^\"]+)\"");

    /** The kind of rule string an action's value lands in. */
    private enum Quote { NONE, BACKTICK, DOUBLE }

    /**
     * One {@code {{ … }}} and the literal text before it.
     *
     * @param labelKey the label read, or {@code null} for the name
     */
    private record Action(String literalBefore, String labelKey, boolean normalize, Quote quote) {

        String value(String name, Map<String, String> labels) {
            if (labelKey == null) {
                return normalize ? LabelDecoder.normalize(name) : name;
            }
            return labels.getOrDefault(labelKey, "");
        }

        String describe() {
            return labelKey == null ? "the name" : "label '" + labelKey + "'";
        }
    }

    private final List<Action> actions;
    private final String tail;

    private RuleTemplate(List<Action> actions, String tail) {
        this.actions = actions;
        this.tail = tail;
    }

    /** @throws IllegalArgumentException with a {@code default-rule: } message if the template is not supported */
    static RuleTemplate parse(String template) {
        List<Action> actions = new ArrayList<>();
        Matcher m = ACTION.matcher(template);
        Quote quote = Quote.NONE;
        int last = 0;
        while (m.find()) {
            String literal = template.substring(last, m.start());
            quote = after(literal, quote, template);
            String action = m.group(1);
            if (quote == Quote.NONE) {
                throw new IllegalArgumentException("default-rule: '{{ " + action + " }}' must sit inside a quoted string"
                        + " (`...` or \"...\"), so that a value can never become rule syntax: " + template);
            }
            Matcher index = INDEX.matcher(action);
            if (action.equals(".Name")) {
                actions.add(new Action(literal, null, false, quote));
            } else if (action.equals("normalize .Name")) {
                actions.add(new Action(literal, null, true, quote));
            } else if (index.matches()) {
                actions.add(new Action(literal, index.group(1), false, quote));
            } else {
                throw new IllegalArgumentException("default-rule: unsupported template action '{{ " + action
                        + " }}' (supported: .Name, normalize .Name, index .Labels \"key\")");
            }
            last = m.end();
        }
        String tail = template.substring(last);
        if (tail.contains("{{")) {
            throw new IllegalArgumentException("default-rule: unterminated '{{' in " + template);
        }
        return new RuleTemplate(List.copyOf(actions), tail);
    }

    /**
     * The rule for one workload.
     *
     * @throws IllegalArgumentException naming the value if it would end the string it is pasted into
     */
    String render(String name, Map<String, String> labels) {
        StringBuilder b = new StringBuilder();
        for (Action a : actions) {
            b.append(a.literalBefore());
            String value = a.value(name, labels);
            if (a.quote() == Quote.DOUBLE) {
                b.append(value.replace("\\", "\\\\").replace("\"", "\\\""));
            } else if (value.indexOf('`') >= 0) {
                throw new IllegalArgumentException(a.describe() + " holds a backtick, which would end the `...` string"
                        + " of default-rule and change the rule");
            } else {
                b.append(value);
            }
        }
        return b.append(tail).toString();
    }

    /** The string state after a literal part, in the rule language: backtick strings are raw, "…" has escapes. */
    private static Quote after(String literal, Quote state, String template) {
        Quote q = state;
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (q == Quote.NONE) {
                q = c == '`' ? Quote.BACKTICK : c == '"' ? Quote.DOUBLE : Quote.NONE;
            } else if (q == Quote.BACKTICK) {
                q = c == '`' ? Quote.NONE : q;
            } else if (c == '\\') {
                if (++i == literal.length()) {
                    // the escape would apply to the value's first character
                    throw new IllegalArgumentException("default-rule: '\\' right before '{{' in " + template);
                }
            } else if (c == '"') {
                q = Quote.NONE;
            }
        }
        return q;
    }
}
