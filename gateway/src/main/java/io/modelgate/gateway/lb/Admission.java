package io.modelgate.gateway.lb;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.discovery.config.AdmissionSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One service's admission control: at most {@code maxInFlight} requests per server at once, and a bounded
 * {@link FairQueue} for the requests that find every server they may use full. A freed slot goes straight to
 * the next waiter that accepts that server (it never becomes free in between, so a newcomer cannot overtake the
 * queue). Shared by every event loop: a short lock around counters and queue, and waiters are told outside it.
 * Kept across configuration reloads (see {@link Admissions}) so requests in flight keep counting.
 */
public final class Admission {

    private final Ticker ticker;
    private final ReentrantLock lock = new ReentrantLock();
    /** By server URL: servers are rebuilt on every reload, their URL stays. */
    private final Map<String, Integer> inFlight = new HashMap<>();
    private final FairQueue queue = new FairQueue();
    private volatile AdmissionSpec spec;
    private final LongAdder queuedTotal = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder refusedFull = new LongAdder();

    public Admission(AdmissionSpec spec, Ticker ticker) {
        this.spec = requireNonNull(spec, "spec");
        this.ticker = requireNonNull(ticker, "ticker");
    }

    public AdmissionSpec spec() {
        return spec;
    }

    /** New limits from a reload; requests already admitted or waiting keep their place. */
    void reconfigure(AdmissionSpec next) {
        spec = requireNonNull(next, "spec");
    }

    /**
     * Admits a request of {@code user} for which the selector chose {@code chosen}: a slot of {@code chosen} if it
     * has one free; else, unless an affinity {@code bound} it to {@code chosen}, a slot of the least busy of
     * {@code servers} that is {@code usable}; else a place in the queue (waiting for {@code chosen} if bound, any
     * server otherwise). One step under the lock, so a slot freed meanwhile cannot be missed. {@code outcome} is
     * told once, later, from whichever thread freed a slot or noticed the timeout.
     */
    public Ticket admit(String user, UpstreamServer chosen, boolean bound, List<UpstreamServer> servers,
                        Predicate<UpstreamServer> usable, Consumer<UpstreamServer> outcome) {
        lock.lock();
        try {
            if (take(chosen)) {
                return new Ticket(chosen, null);
            }
            if (!bound) {
                UpstreamServer other = leastBusy(servers, usable);
                if (other != null && take(other)) {
                    return new Ticket(other, null);
                }
            }
            Waiter w = new Waiter(user == null ? "" : user, bound ? chosen : null,
                    ticker.read() + spec.queueTimeout().toNanos(), outcome);
            if (!queue.offer(w, spec.queueSize())) {
                refusedFull.increment();
                return Ticket.FULL;
            }
            queuedTotal.increment();
            return new Ticket(null, w);
        } finally {
            lock.unlock();
        }
    }

    private UpstreamServer leastBusy(List<UpstreamServer> servers, Predicate<UpstreamServer> usable) {
        UpstreamServer best = null;
        int bestCount = spec.maxInFlight();
        for (UpstreamServer s : servers) {
            int n = inFlight.getOrDefault(s.url(), 0);
            if (n < bestCount && usable.test(s)) {
                best = s;
                bestCount = n;
            }
        }
        return best;
    }

    /** Takes a slot of {@code server} if one is free and no waiter is owed it (a waiter is never overtaken). */
    private boolean take(UpstreamServer server) {
        int n = inFlight.getOrDefault(server.url(), 0);
        if (n >= spec.maxInFlight() || queue.size() > 0 && queue.owes(server)) {
            return false;
        }
        inFlight.put(server.url(), n + 1);
        return true;
    }

    /**
     * What {@link #admit} did: a server whose slot is taken now, or a place in the queue, or neither (the queue
     * or the user's share of it is full).
     */
    public record Ticket(UpstreamServer server, Waiter waiter) {
        static final Ticket FULL = new Ticket(null, null);
    }

    /** Gives back a slot of {@code server}: to the next waiter that accepts it, if any. */
    public void release(UpstreamServer server) {
        Waiter next;
        lock.lock();
        try {
            int n = inFlight.getOrDefault(server.url(), 0) - 1;
            next = n < spec.maxInFlight() ? queue.next(server) : null;
            if (next != null) {
                n++; // handed over, never free in between
            }
            if (n > 0) {
                inFlight.put(server.url(), n);
            } else {
                inFlight.remove(server.url());
            }
        } finally {
            lock.unlock();
        }
        if (next != null) {
            next.tell(server);
        }
    }

    /** Takes {@code w} out of the queue (its client went away); false if it was no longer waiting. */
    public boolean cancel(Waiter w) {
        lock.lock();
        try {
            return queue.remove(w);
        } finally {
            lock.unlock();
        }
    }

    /** Tells every waiter whose wait is over that it timed out (null). */
    public void expire() {
        List<Waiter> expired;
        lock.lock();
        try {
            expired = queue.expired(ticker.read());
        } finally {
            lock.unlock();
        }
        timedOut.add(expired.size());
        expired.forEach(w -> w.tell(null));
    }

    /** Nanoseconds until {@code w}'s wait is over (0 or less: over). */
    public long nanosLeft(Waiter w) {
        return w.deadlineNanos - ticker.read();
    }

    /** Requests in progress on the server with this URL. */
    public int inFlight(String url) {
        lock.lock();
        try {
            return inFlight.getOrDefault(url, 0);
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting for the server with this URL in particular (bound by an affinity). */
    public int queuedFor(String url) {
        lock.lock();
        try {
            return queue.boundTo(url);
        } finally {
            lock.unlock();
        }
    }

    /** Requests waiting now, for any server or a particular one. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Requests that had to wait, that timed out waiting, that found the queue full: since start. */
    public Counts counts() {
        return new Counts(queuedTotal.sum(), timedOut.sum(), refusedFull.sum());
    }

    /** Counters since start. */
    public record Counts(long queued, long timedOut, long refusedFull) {
    }

    @Override
    public String toString() {
        return "admission(maxInFlight=" + spec.maxInFlight() + ", queue=" + spec.queueSize() + ", timeout="
                + spec.queueTimeout() + ")";
    }
}
