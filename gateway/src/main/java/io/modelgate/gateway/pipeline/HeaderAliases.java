package io.modelgate.gateway.pipeline;

import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Header names as a backend may read them: many frameworks (CGI and everything after it: PHP, WSGI, Rack, some
 * Java and Node servers) fold case and treat {@code _} (and some {@code .}) as {@code -}, so {@code X_Auth_User}
 * or {@code x.auth.user} from a client arrives as the same {@code X-Auth-User} the auth service vouched for.
 * Identity headers are therefore removed in every alias form, not only their exact spelling.
 */
public final class HeaderAliases {

    private final Set<String> canonical;

    private HeaderAliases(Set<String> canonical) {
        this.canonical = canonical;
    }

    /** The alias set of {@code names} (any spelling). */
    public static HeaderAliases of(Collection<String> names) {
        return new HeaderAliases(names.stream().map(HeaderAliases::canonical).collect(Collectors.toUnmodifiableSet()));
    }

    /** Lower case, {@code _} and {@code .} as {@code -}: the form every alias of a name shares. */
    public static String canonical(CharSequence name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(c == '_' || c == '.' ? '-' : Character.toLowerCase(c));
        }
        return out.toString();
    }

    public boolean isEmpty() {
        return canonical.isEmpty();
    }

    /** True if {@code name} is an alias of one of the names. */
    public boolean matches(CharSequence name) {
        return canonical.contains(canonical(name));
    }

    /** Removes every header that is an alias of one of the names. */
    public void removeFrom(HttpHeaders headers) {
        if (!canonical.isEmpty()) {
            removeFrom(headers, this::matches);
        }
    }

    /** Removes every header whose name, or whose canonical form, {@code doomed} accepts. */
    public static void removeFrom(HttpHeaders headers, Predicate<CharSequence> doomed) {
        List<CharSequence> names = null;
        var it = headers.iteratorCharSequence();
        while (it.hasNext()) {
            CharSequence name = it.next().getKey();
            if (doomed.test(name)) {
                if (names == null) {
                    names = new ArrayList<>(4);
                }
                names.add(name);
            }
        }
        if (names != null) {
            names.forEach(headers::remove);
        }
    }
}
