package io.modelgate.discovery.rule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns one parsed matcher call into a {@link Rule}, by the router's {@link RuleSyntax}. Traefik v2 and v3
 * share the grammar and most names but not what the arguments mean: v2 takes several values and gorilla
 * templates, v3 one value and plain regexps. In {@link RuleSyntax#AUTO} each call is read by its form
 * (the choices are listed in {@code docs/rules.md}).
 */
final class MatcherBuilder {

    /** Lower-case name → canonical name, for every matcher of either syntax. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("host", "Host"), Map.entry("hostheader", "HostHeader"), Map.entry("hostregexp", "HostRegexp"),
            Map.entry("path", "Path"), Map.entry("pathprefix", "PathPrefix"), Map.entry("pathregexp", "PathRegexp"),
            Map.entry("method", "Method"), Map.entry("headers", "Headers"), Map.entry("headersregexp", "HeadersRegexp"),
            Map.entry("header", "Header"), Map.entry("headerregexp", "HeaderRegexp"), Map.entry("query", "Query"),
            Map.entry("queryregexp", "QueryRegexp"), Map.entry("clientip", "ClientIP"));
    private static final Set<String> V2_ONLY = Set.of("HostHeader", "Headers", "HeadersRegexp");
    private static final Set<String> V3_ONLY = Set.of("Header", "HeaderRegexp", "PathRegexp", "QueryRegexp");
    private static final String KNOWN_V2 = "Host, HostHeader, HostRegexp, Path, PathPrefix, Method, Headers, HeadersRegexp, Query, ClientIP";
    private static final String KNOWN_V3 = "Host, HostRegexp, Path, PathPrefix, PathRegexp, Method, Header, HeaderRegexp, Query, QueryRegexp, ClientIP";
    /** A gorilla template variable: {@code {name}} or {@code {name:regexp}} (a regexp's {@code {2,3}} is not one). */
    private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_-]*[:}]");

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.-]*");

    private final RuleSyntax syntax;

    MatcherBuilder(RuleSyntax syntax) {
        this.syntax = syntax;
    }

    /** @return the canonical name, or throws naming the matchers this syntax knows */
    String canonical(String written, int start) {
        String name = NAMES.get(written.toLowerCase(Locale.ROOT));
        String known = syntax == RuleSyntax.V2 ? KNOWN_V2 : syntax == RuleSyntax.V3 ? KNOWN_V3 : KNOWN_V2 + ", " + String.join(", ", V3_ONLY);
        if (name == null) {
            throw new RuleSyntaxException(start, "unknown matcher '" + written + "' (known: " + known + ")");
        }
        if (syntax == RuleSyntax.V2 && V3_ONLY.contains(name)) {
            throw new RuleSyntaxException(start, name + " is Traefik v3 syntax but the router's ruleSyntax is v2"
                    + (name.startsWith("Header") ? " (v2: " + name.replace("Header", "Headers") + ")" : ""));
        }
        if (syntax == RuleSyntax.V3 && V2_ONLY.contains(name)) {
            throw new RuleSyntaxException(start, name + " is Traefik v2 syntax but the router's ruleSyntax is v3 (v3: "
                    + (name.equals("HostHeader") ? "Host" : name.replace("Headers", "Header")) + ")");
        }
        return name;
    }

    Rule build(String name, String written, int start, List<String> args, List<Integer> at) {
        boolean v3 = readAsV3(name, args);
        if (v3) {
            checkV3Arity(name, start, args);
        }
        return switch (name) {
            case "Host", "HostHeader" -> new Rule.Host(args.stream().map(RequestFacts::canonicalHost).toList());
            case "HostRegexp" -> v3 ? regexp(Rule.Part.HOST, null, args.getFirst(), at.getFirst())
                    : new Rule.HostRegexp(templates(args, at, "[^.]+", Pattern.CASE_INSENSITIVE));
            case "Path" -> new Rule.Path(v3 ? literalPath(args, at) : templates(args, at, "[^/]+", 0));
            case "PathPrefix" -> new Rule.PathPrefix(v3 ? literalPath(args, at) : templates(args, at, "[^/]+", 0));
            case "PathRegexp" -> regexp(Rule.Part.PATH, null, args.getFirst(), at.getFirst());
            case "Method" -> new Rule.Method(new LinkedHashSet<>(args.stream().map(a -> a.toUpperCase(Locale.ROOT)).toList()));
            case "Headers", "Header" -> {
                twoArgs(written, start, args);
                yield new Rule.Headers(args.get(0), args.get(1));
            }
            case "HeadersRegexp" -> {
                twoArgs(written, start, args);
                yield new Rule.HeadersRegexp(args.get(0), compile(args.get(1), at.get(1)));
            }
            case "HeaderRegexp" -> regexp(Rule.Part.HEADER, args.get(0), args.get(1), at.get(1));
            // v3: one argument means the parameter is there with an empty value, as in Traefik
            case "Query" -> v3 ? new Rule.QueryValue(args.get(0), args.size() == 2 ? args.get(1) : "") : query(args, at);
            case "QueryRegexp" -> args.size() == 1 ? new Rule.QueryValue(args.getFirst(), "")
                    : regexp(Rule.Part.QUERY, args.get(0), args.get(1), at.get(1));
            case "ClientIP" -> clientIp(args, at);
            default -> throw new IllegalStateException(name);
        };
    }

    /** Whether this call has v3's meaning: by the syntax, or in AUTO by the form it is written in. */
    private boolean readAsV3(String name, List<String> args) {
        if (V3_ONLY.contains(name)) {
            return true;
        }
        if (syntax != RuleSyntax.AUTO || V2_ONLY.contains(name)) {
            return syntax == RuleSyntax.V3;
        }
        return switch (name) {
            // one value with regexp syntax and no template variable: a v3 regexp; a plain host name is v2's
            // literal (the narrower reading: as a v3 regexp it would also match hosts containing it)
            case "HostRegexp" -> args.size() == 1 && !TEMPLATE_VARIABLE.matcher(args.getFirst()).find()
                    && !HOST_NAME.matcher(args.getFirst()).matches();
            // Query(`key`, `value`): v2 writes every argument as key=value or a bare key
            case "Query" -> args.size() == 2 && args.stream().noneMatch(a -> a.contains("="));
            // Host, Path, PathPrefix, Method, ClientIP: v2's reading is v3's for one literal value
            default -> false;
        };
    }

    private static void checkV3Arity(String name, int start, List<String> args) {
        int n = args.size();
        boolean ok = switch (name) {
            case "Header", "HeaderRegexp" -> n == 2;
            case "Query", "QueryRegexp" -> n == 1 || n == 2;
            default -> n == 1;
        };
        if (!ok) {
            String expected = name.startsWith("Header") ? "2 arguments" : name.startsWith("Query") ? "1 or 2 arguments" : "1 argument";
            throw new RuleSyntaxException(start, name + " takes " + expected + " in Traefik v3 syntax, got " + n
                    + (expected.equals("1 argument") ? " (write " + name + "(`a`) || " + name + "(`b`), or set ruleSyntax v2)" : ""));
        }
    }

    private static List<Template> literalPath(List<String> args, List<Integer> at) {
        String path = args.getFirst();
        if (!path.startsWith("/")) {
            throw new RuleSyntaxException(at.getFirst(), "path " + Template.quote(path) + " does not start with '/'");
        }
        return List.of(Template.literal(path));
    }

    private static Rule regexp(Rule.Part part, String name, String re, int position) {
        return new Rule.Regexp(part, name, compile(re, position));
    }

    private static Pattern compile(String re, int position) {
        try {
            return Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            throw new RuleSyntaxException(position, "bad regexp: " + e.getDescription());
        }
    }

    private static Rule clientIp(List<String> args, List<Integer> at) {
        List<Cidr> ranges = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            try {
                ranges.add(Cidr.parse(args.get(i)));
            } catch (IllegalArgumentException e) {
                throw new RuleSyntaxException(at.get(i), e.getMessage());
            }
        }
        return new Rule.ClientIp(List.copyOf(ranges));
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
        return new Rule.Query(List.copyOf(keys), Collections.unmodifiableList(values));
    }

    private static void twoArgs(String name, int start, List<String> args) {
        if (args.size() != 2) {
            throw new RuleSyntaxException(start, name + " takes 2 arguments (name, value), got " + args.size());
        }
    }
}
