package io.modelgate.gateway.accesslog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records on one daemon thread, so event loops never wait for a disk or a pipe. The queue is
 * bounded: if the output cannot keep up, records are dropped and counted (reported in the log and as a
 * metric) rather than stalling traffic.
 */
public final class AsyncAccessLog implements AccessLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AsyncAccessLog.class);
    private static final int CAPACITY = 65_536;
    /**
     * After the first record of a batch the writer waits this long before draining the queue: under load one
     * {@code write} then carries hundreds of lines instead of a few, and event loops do not wake the writer for
     * every record. Lines reach the file at most this much later.
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final BlockingQueue<AccessLogRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final JsonLineEncoder encoder;
    private final OutputStream out;
    private final boolean closeOut;
    private final Thread writer;
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param out               where lines go
     * @param closeOut          close {@code out} on {@link #close()} (a file; not stdout)
     * @param redactQueryParams query parameters whose values are never written
     */
    public AsyncAccessLog(OutputStream out, boolean closeOut, Iterable<String> redactQueryParams) {
        this.out = out;
        this.closeOut = closeOut;
        this.encoder = new JsonLineEncoder(redactQueryParams);
        this.writer = Thread.ofPlatform().daemon().name("modelgate-access-log").start(this::run);
    }

    @Override
    public void log(AccessLogRecord record) {
        if (!queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    /** Records dropped because the output could not keep up. */
    public long dropped() {
        return dropped.get();
    }

    private void run() {
        List<AccessLogRecord> batch = new ArrayList<>(4096);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
        long reportedDrops = 0;
        while (running || !queue.isEmpty()) {
            try {
                AccessLogRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                if (running) {
                    LockSupport.parkNanos(LINGER_NANOS);
                }
                queue.drainTo(batch, 4095);
                encoder.encode(batch, buffer);
                batch.clear();
                buffer.writeTo(out);
                buffer.reset();
                out.flush();
                long d = dropped.get();
                if (d != reportedDrops) {
                    LOG.warn("access log could not keep up: {} records dropped so far", d);
                    reportedDrops = d;
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
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(2000);
            if (closeOut) {
                out.close();
            } else {
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("closing the access log failed: {}", e.toString());
        }
    }
}
