package io.modelgate.discovery.rule;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable router lookup. Routes are ranked by priority (descending), then name (ascending, so ties are
 * deterministic; Traefik leaves them unspecified). Lookup does not scan every route: each route is filed
 * under the necessary host/path conditions of its rule ({@link Rule#indexKeys()}) — by exact host or
 * "any host", then in a character trie of literal path prefixes (and a map of exact paths). A request
 * collects the routes filed along its host and path, and only those candidates are evaluated in rank
 * order. 10,000 {@code Host(..) && PathPrefix(..)} routes cost about what 10 do.
 *
 * @param <T> what a route carries (the gateway's compiled route)
 */
public final class RouteIndex<T> {

    /**
     * One route to index.
     *
     * @param payload  returned when it matches
     * @param rule     its parsed rule
     * @param priority higher wins
     * @param name     tie-break, and for diagnostics
     */
    public record Entry<T>(T payload, Rule rule, int priority, String name) {

        public Entry {
            requireNonNull(payload, "payload");
            requireNonNull(rule, "rule");
            requireNonNull(name, "name");
        }
    }

    private final List<Entry<T>> ranked;
    private final Map<String, Bucket> byHost;
    private final Bucket anyHost;

    public RouteIndex(List<Entry<T>> entries) {
        List<Entry<T>> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.<Entry<T>>comparingInt(e -> -e.priority()).thenComparing(Entry::name));
        this.ranked = List.copyOf(sorted);
        Map<String, Bucket.Builder> hosts = new HashMap<>();
        Bucket.Builder any = new Bucket.Builder();
        for (int rank = 0; rank < ranked.size(); rank++) {
            for (IndexKey key : ranked.get(rank).rule().indexKeys()) {
                Bucket.Builder b = key.host() == null ? any : hosts.computeIfAbsent(key.host(), h -> new Bucket.Builder());
                b.add(key, rank);
            }
        }
        Map<String, Bucket> built = new HashMap<>();
        hosts.forEach((h, b) -> built.put(h, b.build()));
        this.byHost = built;
        this.anyHost = any.build();
    }

    public int size() {
        return ranked.size();
    }

    /** The highest-ranked route whose rule matches, or {@code null}. */
    public T find(RequestFacts request) {
        Candidates c = candidates(request);
        for (int i = 0; i < c.size; i++) {
            int rank = c.ranks[i];
            if (i > 0 && rank == c.ranks[i - 1]) {
                continue; // filed under several keys
            }
            Entry<T> e = ranked.get(rank);
            if (e.rule().matches(request)) {
                return e.payload();
            }
        }
        return null;
    }

    /** How many routes a lookup for {@code request} would consider (for tests of the index itself). */
    int candidateCount(RequestFacts request) {
        return candidates(request).size;
    }

    private Candidates candidates(RequestFacts request) {
        Candidates c = new Candidates();
        String path = request.path();
        Bucket host = byHost.get(request.host());
        if (host != null) {
            host.collect(path, c);
        }
        anyHost.collect(path, c);
        Arrays.sort(c.ranks, 0, c.size);
        return c;
    }

    /** A growable int list; lookups usually see one to three candidates. */
    private static final class Candidates {
        int[] ranks = new int[8];
        int size;

        void addAll(int[] more) {
            if (size + more.length > ranks.length) {
                ranks = Arrays.copyOf(ranks, Math.max(ranks.length * 2, size + more.length));
            }
            System.arraycopy(more, 0, ranks, size, more.length);
            size += more.length;
        }
    }

    /** Routes of one host (or of any host): exact paths in a map, prefixes in a trie. */
    private static final class Bucket {
        private final Map<String, int[]> exact;
        private final Node root;

        private Bucket(Map<String, int[]> exact, Node root) {
            this.exact = exact;
            this.root = root;
        }

        void collect(String path, Candidates c) {
            if (!exact.isEmpty()) {
                int[] e = exact.get(path);
                if (e != null) {
                    c.addAll(e);
                }
            }
            Node n = root;
            c.addAll(n.ranks);
            for (int i = 0; i < path.length() && n != null; i++) {
                n = n.child(path.charAt(i));
                if (n != null) {
                    c.addAll(n.ranks);
                }
            }
        }

        static final class Builder {
            private final Map<String, List<Integer>> exact = new HashMap<>();
            private final Node.Builder root = new Node.Builder();

            void add(IndexKey key, int rank) {
                if (key.path() != null && key.exact()) {
                    exact.computeIfAbsent(key.path(), p -> new ArrayList<>()).add(rank);
                } else {
                    root.add(key.path() == null ? "" : key.path(), 0, rank);
                }
            }

            Bucket build() {
                Map<String, int[]> e = new HashMap<>();
                exact.forEach((p, ranks) -> e.put(p, ranks.stream().mapToInt(Integer::intValue).toArray()));
                return new Bucket(e, root.build());
            }
        }
    }

    /** A trie node: routes whose literal prefix ends here, children by next character (sorted, binary-searched). */
    private static final class Node {
        private static final int[] NONE = new int[0];
        final int[] ranks;
        final char[] keys;
        final Node[] children;

        Node(int[] ranks, char[] keys, Node[] children) {
            this.ranks = ranks;
            this.keys = keys;
            this.children = children;
        }

        Node child(char c) {
            int i = Arrays.binarySearch(keys, c);
            return i >= 0 ? children[i] : null;
        }

        static final class Builder {
            private final List<Integer> ranks = new ArrayList<>();
            private final TreeMap<Character, Builder> children = new TreeMap<>();

            void add(String prefix, int depth, int rank) {
                if (depth == prefix.length()) {
                    ranks.add(rank);
                    return;
                }
                children.computeIfAbsent(prefix.charAt(depth), c -> new Builder()).add(prefix, depth + 1, rank);
            }

            Node build() {
                char[] keys = new char[children.size()];
                Node[] nodes = new Node[children.size()];
                int i = 0;
                for (var e : children.entrySet()) {
                    keys[i] = e.getKey();
                    nodes[i++] = e.getValue().build();
                }
                int[] r = ranks.isEmpty() ? NONE : ranks.stream().mapToInt(Integer::intValue).toArray();
                return new Node(r, keys, nodes);
            }
        }
    }
}
