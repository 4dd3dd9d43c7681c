package io.modelgate.discovery.rule;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A parsed Traefik rule (v2 or v3): matchers combined with {@code &&}, {@code ||} and {@code !}. Everything that
 * can be compiled (regexps, templates, CIDRs, lower-cased hosts) was compiled by {@link RuleParser}; matching
 * only reads the request. {@code toString()} prints the rule back in canonical form.
 */
public sealed interface Rule {

    boolean matches(RequestFacts request);

    /**
     * Necessary conditions on host and path, one per alternative, for the route index. By default none:
     * "any host, any path" (negations and matchers on method, headers, query, client address).
     */
    default List<IndexKey> indexKeys() {
        return IndexKey.ANY_LIST;
    }

    record And(Rule left, Rule right) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            return left.matches(r) && right.matches(r);
        }

        @Override
        public List<IndexKey> indexKeys() {
            return IndexKey.and(left.indexKeys(), right.indexKeys());
        }

        @Override
        public String toString() {
            return paren(left, this) + " && " + paren(right, this);
        }
    }

    record Or(Rule left, Rule right) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            return left.matches(r) || right.matches(r);
        }

        @Override
        public List<IndexKey> indexKeys() {
            return IndexKey.or(left.indexKeys(), right.indexKeys());
        }

        @Override
        public String toString() {
            return left + " || " + right;
        }
    }

    record Not(Rule rule) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            return !rule.matches(r);
        }

        @Override
        public String toString() {
            return "!" + (rule instanceof And || rule instanceof Or ? "(" + rule + ")" : rule.toString());
        }
    }

    /** {@code Host(`a`, `b`)}: the host equals one of them, case-insensitively. */
    record Host(List<String> hosts) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            return hosts.contains(r.host());
        }

        @Override
        public List<IndexKey> indexKeys() {
            return hosts.stream().map(h -> new IndexKey(h, null, false)).toList();
        }

        @Override
        public String toString() {
            return call("Host", hosts);
        }
    }

    /** {@code HostRegexp(`{sub:[a-z]+}.example.com`)}: a template over the whole host, case-insensitive. */
    record HostRegexp(List<Template> templates) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            return Template.anyMatches(templates, r.host(), true);
        }

        @Override
        public List<IndexKey> indexKeys() {
            return templates.stream().allMatch(Template::isLiteral)
                    ? templates.stream().map(t -> new IndexKey(t.text().toLowerCase(Locale.ROOT), null, false)).toList()
                    : IndexKey.ANY_LIST;
        }

        @Override
        public String toString() {
            return call("HostRegexp", templates.stream().map(Template::text).toList());
        }
    }

    /** {@code Path(`/a`, `/b/{id:[0-9]+}`)}: the whole path matches one of them. */
    record Path(List<Template> templates) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            return Template.anyMatches(templates, r.path(), false);
        }

        @Override
        public List<IndexKey> indexKeys() {
            return templates.stream().map(t -> new IndexKey(null, t.literalPrefix(), t.isLiteral())).toList();
        }

        @Override
        public String toString() {
            return call("Path", templates.stream().map(Template::text).toList());
        }
    }

    /** {@code PathPrefix(`/api`)}: the path starts with one of them (plain string prefix, as in Traefik v2). */
    record PathPrefix(List<Template> templates) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            String path = r.path();
            for (Template t : templates) {
                if (t.isLiteral() ? path.startsWith(t.text()) : t.pattern().matcher(path).lookingAt()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public List<IndexKey> indexKeys() {
            return templates.stream().map(t -> new IndexKey(null, t.literalPrefix(), false)).toList();
        }

        @Override
        public String toString() {
            return call("PathPrefix", templates.stream().map(Template::text).toList());
        }
    }

    /** {@code Method(`GET`, `POST`)}. */
    record Method(Set<String> methods) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            return methods.contains(r.method().toUpperCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return call("Method", methods.stream().sorted().toList());
        }
    }

    /** {@code Headers(`X-Tier`, `gold`)}: some value of the header equals the value. */
    record Headers(String name, String value) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            return r.headers(name).contains(value);
        }

        @Override
        public String toString() {
            return call("Headers", List.of(name, value));
        }
    }

    /** {@code HeadersRegexp(`X-Tier`, `gold|silver`)}: some value contains a match (Go's MatchString). */
    record HeadersRegexp(String name, Pattern pattern) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            for (String v : r.headers(name)) {
                if (pattern.matcher(v).find()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return call("HeadersRegexp", List.of(name, pattern.pattern()));
        }
    }

    /**
     * {@code Query(`session=abc`, `debug`)}: every argument must hold; {@code key=value} (value may be a
     * template) needs a value of that parameter to match, a bare {@code key} needs the parameter present.
     */
    record Query(List<String> keys, List<Template> values) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            for (int i = 0; i < keys.size(); i++) {
                List<String> actual = r.queryParams(keys.get(i));
                Template t = values.get(i);
                if (actual.isEmpty() || (t != null && actual.stream().noneMatch(
                        v -> t.isLiteral() ? t.text().equals(v) : t.pattern().matcher(v).matches()))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            List<String> args = new java.util.ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                args.add(values.get(i) == null ? keys.get(i) : keys.get(i) + "=" + values.get(i).text());
            }
            return call("Query", args);
        }
    }

    /** What a v3 regexp matcher looks at. */
    enum Part {
        HOST("HostRegexp"), PATH("PathRegexp"), HEADER("HeaderRegexp"), QUERY("QueryRegexp");

        final String matcher;

        Part(String matcher) {
            this.matcher = matcher;
        }
    }

    /**
     * Traefik v3's regexp matchers: {@code HostRegexp(re)}, {@code PathRegexp(re)}, {@code HeaderRegexp(name, re)},
     * {@code QueryRegexp(key, re)}. Unanchored, like Go's {@code MatchString}: write {@code ^…$} for a whole match.
     *
     * @param name the header or query parameter; null for host and path
     */
    record Regexp(Part part, String name, Pattern pattern) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            List<String> values = switch (part) {
                case HOST -> List.of(r.host());
                case PATH -> List.of(r.path());
                case HEADER -> r.headers(name);
                case QUERY -> r.queryParams(name);
            };
            for (String v : values) {
                if (pattern.matcher(v).find()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return call(part.matcher, name == null ? List.of(pattern.pattern()) : List.of(name, pattern.pattern()));
        }
    }

    /** Traefik v3's {@code Query(`key`, `value`)}: some value of the parameter equals it ({@code Query(`key`)}: an empty one). */
    record QueryValue(String key, String value) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            return r.queryParams(key).contains(value);
        }

        @Override
        public String toString() {
            return call("Query", value.isEmpty() ? List.of(key) : List.of(key, value));
        }
    }

    /** {@code ClientIP(`10.0.0.0/8`, `::1`)}: the connecting peer's address is in one of the ranges. */
    record ClientIp(List<Cidr> ranges) implements Rule {
        @Override
        public boolean matches(RequestFacts r) {
            InetAddress a = r.clientAddress();
            for (Cidr c : ranges) {
                if (c.contains(a)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return call("ClientIP", ranges.stream().map(Cidr::toString).toList());
        }
    }

    private static String call(String name, List<String> args) {
        return name + "(" + args.stream().map(Template::quote).collect(Collectors.joining(", ")) + ")";
    }

    private static String paren(Rule child, Rule parent) {
        return child instanceof Or ? "(" + child + ")" : child.toString();
    }
}
