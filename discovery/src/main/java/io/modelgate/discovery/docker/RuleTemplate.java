package io.modelgate.discovery.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code default-rule} template: the subset of Traefik's Go templates that default rules use —
 * {@code {{ .Name }}}, {@code {{ normalize .Name }}} and {@code {{ index .Labels "key" }}}. Anything else
 * is a start-up error, not a rule that silently never matches.
 */
final class RuleTemplate {

    private static final Pattern ACTION = Pattern.compile("\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern INDEX = Pattern.compile("index\\s+\\.Labels\\s+\"([^\"]+)\"");

    private final List<BiFunction<String, Map<String, String>, String>> parts;

    private RuleTemplate(List<BiFunction<String, Map<String, String>, String>> parts) {
        this.parts = parts;
    }

    static RuleTemplate parse(String template) {
        List<BiFunction<String, Map<String, String>, String>> parts = new ArrayList<>();
        Matcher m = ACTION.matcher(template);
        int last = 0;
        while (m.find()) {
            String literal = template.substring(last, m.start());
            parts.add((name, labels) -> literal);
            String action = m.group(1);
            Matcher index = INDEX.matcher(action);
            if (action.equals(".Name")) {
                parts.add((name, labels) -> name);
            } else if (action.equals("normalize .Name")) {
                parts.add((name, labels) -> LabelDecoder.normalize(name));
            } else if (index.matches()) {
                String key = index.group(1);
                parts.add((name, labels) -> labels.getOrDefault(key, ""));
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
        parts.add((name, labels) -> tail);
        return new RuleTemplate(List.copyOf(parts));
    }

    String render(String name, Map<String, String> labels) {
        StringBuilder b = new StringBuilder();
        for (var p : parts) {
            b.append(p.apply(name, labels));
        }
        return b.toString();
    }
}
