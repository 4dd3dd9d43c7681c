package io.modelgate.gateway.lb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wait queue: one FIFO sub-queue per user, served round robin between users, so a user with many waiting
 * requests delays another user's by at most one of them per turn. Bounded in total and per user (a user may
 * hold at most half of the places, rounded up, so one user can never fill the queue unless it has one place).
 * Not thread-safe: {@link Admission} holds its lock around every call.
 */
final class FairQueue {

    /** Users in serving order: the one served last moves to the end. */
    private final Map<String, ArrayDeque<Waiter>> byUser = new LinkedHashMap<>();
    private int size;

    /** The places one user may hold in a queue of {@code capacity}. */
    static int share(int capacity) {
        return Math.max(1, (capacity + 1) / 2);
    }

    /** Adds {@code w} at the end of its user's sub-queue; false if the queue or the user's share is full. */
    boolean offer(Waiter w, int capacity) {
        if (size >= capacity) {
            return false;
        }
        ArrayDeque<Waiter> mine = byUser.get(w.user);
        if (mine != null && mine.size() >= share(capacity)) {
            return false;
        }
        if (mine == null) {
            mine = new ArrayDeque<>();
            byUser.put(w.user, mine);
        }
        mine.addLast(w);
        size++;
        return true;
    }

    /**
     * Removes and returns the waiter that gets a slot of {@code freed}: the oldest one that accepts it of the
     * first user in serving order that has one; null if none accepts it.
     */
    Waiter next(UpstreamServer freed) {
        for (Iterator<Map.Entry<String, ArrayDeque<Waiter>>> users = byUser.entrySet().iterator(); users.hasNext(); ) {
            Map.Entry<String, ArrayDeque<Waiter>> user = users.next();
            for (Iterator<Waiter> it = user.getValue().iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.accepts(freed)) {
                    it.remove();
                    size--;
                    users.remove(); // to the end of the serving order, or gone if it has no one left
                    if (!user.getValue().isEmpty()) {
                        byUser.put(user.getKey(), user.getValue());
                    }
                    return w;
                }
            }
        }
        return null;
    }

    /** Removes {@code w}; false if it was not waiting (already admitted, timed out or removed). */
    boolean remove(Waiter w) {
        ArrayDeque<Waiter> mine = byUser.get(w.user);
        if (mine == null || !mine.remove(w)) {
            return false;
        }
        size--;
        if (mine.isEmpty()) {
            byUser.remove(w.user);
        }
        return true;
    }

    /** Removes and returns the waiters whose deadline is not after {@code now}. */
    List<Waiter> expired(long now) {
        List<Waiter> out = new ArrayList<>();
        for (Iterator<ArrayDeque<Waiter>> users = byUser.values().iterator(); users.hasNext(); ) {
            ArrayDeque<Waiter> mine = users.next();
            mine.removeIf(w -> now - w.deadlineNanos >= 0 && out.add(w));
            if (mine.isEmpty()) {
                users.remove();
            }
        }
        size -= out.size();
        return out;
    }

    int size() {
        return size;
    }

    /** True if some waiter accepts {@code server}. */
    boolean owes(UpstreamServer server) {
        for (ArrayDeque<Waiter> mine : byUser.values()) {
            for (Waiter w : mine) {
                if (w.accepts(server)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Waiting for {@code url} in particular (bound to it by an affinity). */
    int boundTo(String url) {
        int n = 0;
        for (ArrayDeque<Waiter> mine : byUser.values()) {
            for (Waiter w : mine) {
                if (w.bound != null && w.bound.url().equals(url)) {
                    n++;
                }
            }
        }
        return n;
    }
}
