package io.modelgate.discovery.rule;

import java.util.ArrayList;
import java.util.List;

/**
 * A necessary condition of a rule that the route index can check without evaluating the rule: the host
 * must be {@code host} (null: any) and the path must start with, or with {@code exact} equal, {@code path}
 * (null: any). A rule has one key per alternative; a request that matches the rule satisfies at least one.
 *
 * @param host  lower-case host, or null for any host
 * @param path  literal path prefix (or exact path), or null for any path
 * @param exact the path must equal {@code path}
 */
public record IndexKey(String host, String path, boolean exact) {

    /** More alternatives than this and a rule is indexed as (any host, any path). */
    static final int MAX_ALTERNATIVES = 16;

    static final IndexKey ANY = new IndexKey(null, null, false);
    static final List<IndexKey> ANY_LIST = List.of(ANY);

    /** Both conditions at once, or null if no request can satisfy both. */
    IndexKey and(IndexKey o) {
        String h;
        if (host == null || o.host == null || host.equals(o.host)) {
            h = host != null ? host : o.host;
        } else {
            return null;
        }
        if (path == null || o.path == null) {
            IndexKey withPath = path != null ? this : o;
            return new IndexKey(h, withPath.path, withPath.exact);
        }
        if (exact && o.exact) {
            return path.equals(o.path) ? new IndexKey(h, path, true) : null;
        }
        if (exact || o.exact) {
            IndexKey e = exact ? this : o;
            IndexKey p = exact ? o : this;
            return e.path.startsWith(p.path) ? new IndexKey(h, e.path, true) : null;
        }
        if (path.startsWith(o.path)) {
            return new IndexKey(h, path, false);
        }
        if (o.path.startsWith(path)) {
            return new IndexKey(h, o.path, false);
        }
        return null;
    }

    static List<IndexKey> and(List<IndexKey> a, List<IndexKey> b) {
        List<IndexKey> out = new ArrayList<>();
        for (IndexKey x : a) {
            for (IndexKey y : b) {
                IndexKey k = x.and(y);
                if (k != null && !out.contains(k)) {
                    out.add(k);
                }
            }
        }
        return capped(out);
    }

    static List<IndexKey> or(List<IndexKey> a, List<IndexKey> b) {
        List<IndexKey> out = new ArrayList<>(a);
        b.stream().filter(k -> !out.contains(k)).forEach(out::add);
        return capped(out);
    }

    private static List<IndexKey> capped(List<IndexKey> keys) {
        return keys.size() > MAX_ALTERNATIVES ? ANY_LIST : List.copyOf(keys);
    }
}
