package io.modelgate.discovery.docker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A workload's labels under the configured prefixes, keys lower-cased (Traefik's keys are
 * case-insensitive) with the prefix removed: {@code traefik.http.routers.r.rule} → {@code http.routers.r.rule}.
 * Element names keep the case they were written in. When the same key appears under several prefixes,
 * the first prefix in the settings wins ({@code modelgate.} over {@code traefik.}).
 */
final class LabelView {

    /** One label: its value and the key as written, for problem reports. */
    record Entry(String value, String originalKey, String prefix) {
    }

    private final Map<String, Entry> entries;

    private LabelView(Map<String, Entry> entries) {
        this.entries = entries;
    }

    static LabelView of(Map<String, String> labels, List<String> prefixes) {
        Map<String, Entry> out = new TreeMap<>();
        Map<String, Integer> rank = new LinkedHashMap<>();
        for (Map.Entry<String, String> l : labels.entrySet()) {
            String key = l.getKey();
            String lower = key.toLowerCase(Locale.ROOT);
            for (int i = 0; i < prefixes.size(); i++) {
                String p = prefixes.get(i).toLowerCase(Locale.ROOT) + ".";
                if (lower.startsWith(p)) {
                    String rest = normalizeKey(key.substring(p.length()));
                    Integer seen = rank.get(rest);
                    if (seen == null || i < seen) {
                        rank.put(rest, i);
                        out.put(rest, new Entry(l.getValue(), key, prefixes.get(i)));
                    }
                    break;
                }
            }
        }
        return new LabelView(out);
    }

    /**
     * Lower-cases the fixed parts of a key and keeps element names as written: in
     * {@code http.routers.MyRouter.Rule} only {@code MyRouter} keeps its case.
     */
    static String normalizeKey(String key) {
        String[] parts = key.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean elementName = i == 2 && parts.length > 3 && parts[0].equalsIgnoreCase("http")
                    && (parts[1].equalsIgnoreCase("routers") || parts[1].equalsIgnoreCase("services")
                    || parts[1].equalsIgnoreCase("middlewares"));
            if (!elementName) {
                parts[i] = parts[i].toLowerCase(Locale.ROOT);
            }
        }
        return String.join(".", parts);
    }

    Map<String, Entry> entries() {
        return entries;
    }

    Entry get(String key) {
        return entries.get(key);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Keys under {@code http.<kind>.}, grouped by element name: name → (option key → entry). */
    Map<String, Map<String, Entry>> elements(String kind) {
        String prefix = "http." + kind + ".";
        Map<String, Map<String, Entry>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                String rest = e.getKey().substring(prefix.length());
                int dot = rest.indexOf('.');
                String name = dot < 0 ? rest : rest.substring(0, dot);
                String option = dot < 0 ? "" : rest.substring(dot + 1);
                out.computeIfAbsent(name, k -> new TreeMap<>()).put(option, e.getValue());
            }
        }
        return out;
    }
}
