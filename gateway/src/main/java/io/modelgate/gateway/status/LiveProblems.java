package io.modelgate.gateway.status;

import io.modelgate.discovery.Problem;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The gateway's current run-time problems, by a key the reporting part chooses. Thread-safe. */
public final class LiveProblems {

    private final Map<String, Problem> problems = new ConcurrentHashMap<>();

    /** Reports (or replaces) the problem under {@code key}. */
    public void report(String key, Problem problem) {
        problems.put(key, problem);
    }

    /** The problem under {@code key} is over. */
    public void clear(String key) {
        problems.remove(key);
    }

    /** Every current problem, ordered by key. */
    public List<Problem> all() {
        return problems.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
    }
}
