package io.modelgate.gateway.accesslog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The last {@code capacity} records, overwritten oldest first. Adding is a counter increment and one array
 * store (no lock, no allocation), so event loops can feed it; reading copies out, newest first. A reader
 * racing a writer may miss the record being written or see it already replaced: the ring is for looking at,
 * not for accounting (the access log file is the record).
 */
public final class RecordRing {

    private final AtomicReferenceArray<AccessLogRecord> slots;
    private final AtomicLong added = new AtomicLong();

    /** @param capacity how many records it keeps; 0 keeps none */
    public RecordRing(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a ring's capacity cannot be negative: " + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
    }

    public void add(AccessLogRecord record) {
        int capacity = slots.length();
        if (capacity == 0) {
            return;
        }
        long n = added.getAndIncrement();
        slots.setRelease((int) (n % capacity), record);
    }

    /** Up to {@code limit} kept records that pass {@code filter}, newest first. */
    public List<AccessLogRecord> newestFirst(Predicate<AccessLogRecord> filter, int limit) {
        int capacity = slots.length();
        long end = added.get();
        List<AccessLogRecord> out = new ArrayList<>(Math.min(limit, capacity));
        for (long n = end - 1; n >= Math.max(0, end - capacity) && out.size() < limit; n--) {
            AccessLogRecord r = slots.getAcquire((int) (n % capacity));
            if (r != null && filter.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Every kept record, newest first. */
    public List<AccessLogRecord> newestFirst() {
        return newestFirst(r -> true, slots.length());
    }

    /** How many records were ever added (more than it keeps once it has wrapped). */
    public long added() {
        return added.get();
    }

    public int capacity() {
        return slots.length();
    }
}
