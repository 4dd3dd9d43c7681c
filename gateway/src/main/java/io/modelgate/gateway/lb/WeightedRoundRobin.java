package io.modelgate.gateway.lb;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Weighted round robin over a fixed list: the schedule is computed once with nginx's smooth algorithm
 * (heavier servers are spread out, not bunched), then walked with one atomic counter. Membership change
 * means a new instance; nothing here is mutated except the counter.
 *
 * @param <T> the server type
 */
public final class WeightedRoundRobin<T> {

    private static final int MAX_SCHEDULE = 4096;

    private final List<T> servers;
    private final int[] schedule;
    private final AtomicLong next = new AtomicLong();

    /**
     * @param servers servers in order
     * @param weights weights, same order; 0 takes a server out; the schedule is scaled down if huge
     */
    public WeightedRoundRobin(List<T> servers, int[] weights) {
        if (servers.size() != weights.length) {
            throw new IllegalArgumentException("servers and weights differ in length");
        }
        this.servers = List.copyOf(servers);
        this.schedule = smoothSchedule(weights);
    }

    /** True if no server can be picked (none, or all with weight 0). */
    public boolean isEmpty() {
        return schedule.length == 0;
    }

    /** The next server, or {@code null} if empty. */
    public T next() {
        if (schedule.length == 0) {
            return null;
        }
        return servers.get(schedule[(int) Long.remainderUnsigned(next.getAndIncrement(), schedule.length)]);
    }

    /** Picks in one full cycle of the schedule (the sum of the weights, scaled down if huge). */
    public int cycle() {
        return schedule.length;
    }

    public List<T> servers() {
        return servers;
    }

    /** The server indexes in serving order over one full cycle. */
    static int[] smoothSchedule(int[] weights) {
        int[] w = weights.clone();
        long total = 0;
        int gcd = 0;
        for (int x : w) {
            if (x < 0) {
                throw new IllegalArgumentException("negative weight " + x);
            }
            total += x;
            gcd = gcd(gcd, x);
        }
        if (total == 0) {
            return new int[0];
        }
        total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] /= gcd;
            total += w[i];
        }
        if (total > MAX_SCHEDULE) {
            // keep proportions approximately; never drop a server with a positive weight to 0
            double scale = (double) MAX_SCHEDULE / total;
            total = 0;
            for (int i = 0; i < w.length; i++) {
                w[i] = w[i] == 0 ? 0 : Math.max(1, (int) Math.round(w[i] * scale));
                total += w[i];
            }
        }
        int[] current = new int[w.length];
        List<Integer> order = new ArrayList<>((int) total);
        for (long n = 0; n < total; n++) {
            int best = -1;
            for (int i = 0; i < w.length; i++) {
                current[i] += w[i];
                if (w[i] > 0 && (best < 0 || current[i] > current[best])) {
                    best = i;
                }
            }
            current[best] -= (int) total;
            order.add(best);
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public String toString() {
        return "WeightedRoundRobin" + servers;
    }
}
