package io.modelgate.auth;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per token, how many times {@code /auth} let it through and when last, counted in memory and written in
 * batches ({@code request_count = request_count + n}, last-used only ever moved forward), so replicas add
 * up and {@code /auth} adds no database write. A crash loses at most one flush interval of it.
 *
 * <p>It counts {@code /auth} decisions: with decisions the gateway caches (a plan without a quota) that is
 * cache misses, not requests, and last-used is exact to within the cache's max-age.
 */
public final class UsageCounter {

    private static final Logger LOG = LoggerFactory.getLogger(UsageCounter.class);

    /** What was counted for one token since the last flush. */
    public record Usage(long count, Instant last) {

        Usage plus(Usage o) {
            return new Usage(count + o.count, last.isAfter(o.last) ? last : o.last);
        }
    }

    private final Map<String, Usage> pending = new ConcurrentHashMap<>();
    private final Consumer<Map<String, Usage>> writer;

    /** @param writer adds a batch to the store, all or nothing ({@link TokenStore#addUsage}) */
    public UsageCounter(Consumer<Map<String, Usage>> writer) {
        this.writer = writer;
    }

    /** Counts one use of a token. */
    public void record(String tokenId, Instant at) {
        pending.merge(tokenId, new Usage(1, at), Usage::plus);
    }

    /** Writes what was counted; a failed write is kept for the next flush. False if writing failed. */
    public synchronized boolean flush() {
        Map<String, Usage> batch = new HashMap<>();
        for (String id : pending.keySet()) {
            Usage u = pending.remove(id);
            if (u != null) {
                batch.put(id, u);
            }
        }
        if (batch.isEmpty()) {
            return true;
        }
        try {
            writer.accept(batch);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("usage of {} tokens not written, kept for the next flush: {}", batch.size(), e.toString());
            batch.forEach((id, u) -> pending.merge(id, u, Usage::plus));
            return false;
        }
    }
}
