package io.modelgate.gateway.accesslog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records on one daemon thread, so event loops never wait for a disk or a pipe. The queue is bounded:
 * if the output cannot keep up, records are dropped and counted ({@code modelgate_access_log_dropped_total},
 * and a warning at most every 10 s) rather than stalling traffic — unless {@link Overload#BLOCK} was chosen,
 * where the event loop waits for room. Filters ({@link AccessLogFilter}) are checked before a record is made.
 */
public final class AsyncAccessLog implements AccessLog, AutoCloseable {

    /** What a full queue does to the request that ends. */
    public enum Overload {
        /** The record is dropped and counted; traffic never waits for the log. */
        DROP,
        /** The event loop waits until the writer made room: every record is written, requests slow down with the disk. */
        BLOCK
    }

    private static final Logger LOG = LoggerFactory.getLogger(AsyncAccessLog.class);
    /**
     * After the first record of a batch the writer waits this long before draining the queue: under load one
     * {@code write} then carries hundreds of lines instead of a few, and event loops do not wake the writer for
     * every record. Lines reach the file at most this much later.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int BATCH = 4096;

    private final BlockingQueue<AccessLogRecord> queue;
    private final JsonLineEncoder encoder;
    private final AccessLogOutput out;
    private final AccessLogFilter filter;
    private final boolean block;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean signalled;
    private final Runnable reopener = this::reopen;

    /**
     * @param out      where lines go
     * @param encoder  how records become lines (fields, redaction)
     * @param filter   which requests get a line
     * @param capacity records that may wait for the writer
     * @param overload what a full queue does
     */
    public AsyncAccessLog(AccessLogOutput out, JsonLineEncoder encoder, AccessLogFilter filter, int capacity,
                          Overload overload) {
        this.out = java.util.Objects.requireNonNull(out, "out");
        this.encoder = java.util.Objects.requireNonNull(encoder, "encoder");
        this.filter = java.util.Objects.requireNonNull(filter, "filter");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.block = overload == Overload.BLOCK;
        this.writer = Thread.ofPlatform().daemon().name("modelgate-access-log").start(this::run);
    }

    /** Every record, every field, dropping when full (tests, tools). */
    public AsyncAccessLog(AccessLogOutput out, Iterable<String> redactQueryParams) {
        this(out, new JsonLineEncoder(redactQueryParams), AccessLogFilter.ALL, 65_536, Overload.DROP);
    }

    @Override
    public boolean wants(int status, int retryAttempts, long durationNanos) {
        return filter.keep(status, retryAttempts, durationNanos);
    }

    @Override
    public AccessLogFields fields() {
        return encoder.fields();
    }

    @Override
    public void log(AccessLogRecord r) {
        if (!filter.all() && !filter.keep(r.status(), r.retryAttempts(), (long) (r.durationMs() * 1_000_000))) {
            return;
        }
        if (queue.offer(r)) {
            return;
        }
        if (block) {
            put(r);
        } else {
            dropped.incrementAndGet();
        }
    }

    /** Waits for room; gives up (and counts the record dropped) only once the log is closing. */
    private void put(AccessLogRecord r) {
        try {
            while (!queue.offer(r, 100, TimeUnit.MILLISECONDS)) {
                if (!running) {
                    dropped.incrementAndGet();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.incrementAndGet();
        }
    }

    /** Records dropped because the output could not keep up. */
    public long dropped() {
        return dropped.get();
    }

    /** Asks for the file to be reopened by name (after logrotate moved it): see {@link AccessLogOutput#reopen}. */
    public void reopen() {
        out.reopen();
    }

    /** From now on {@code SIGUSR1} reopens the file (until {@link #close}). */
    public void reopenOnSignal() {
        ReopenSignal.register(reopener);
        signalled = true;
    }

    private void run() {
        List<AccessLogRecord> batch = new ArrayList<>(BATCH);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
        DropReport drops = new DropReport();
        while (running || !queue.isEmpty()) {
            try {
                out.reopenIfAsked(); // also without traffic, so the rotated file is let go of promptly
                AccessLogRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    if (running) {
                        LockSupport.parkNanos(LINGER_NANOS);
                    }
                    queue.drainTo(batch, BATCH - 1);
                    out.reopenIfAsked();
                    encoder.encode(batch, buffer);
                    batch.clear();
                    out.write(buffer);
                    buffer.reset();
                }
                String line = drops.due(dropped.get(), System.nanoTime());
                if (line != null) {
                    LOG.warn(line);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("access log write failed: {}", e.toString());
                batch.clear();
                buffer.reset();
            }
        }
        String rest = drops.rest(dropped.get());
        if (rest != null) {
            LOG.warn(rest);
        }
    }

    @Override
    public void close() {
        if (signalled) {
            ReopenSignal.unregister(reopener);
        }
        running = false;
        try {
            writer.join(2000);
            out.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing the access log failed: {}", e.toString());
        }
    }
}
