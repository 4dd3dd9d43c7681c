package io.modelgate.gateway.audit;

import static java.util.Objects.requireNonNull;

import io.modelgate.gateway.accesslog.AccessLog;
import io.modelgate.gateway.accesslog.AccessLogRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as an access-log sink: event loops hand records to a bounded queue and never wait; one
 * writer thread turns them into chained lines ({@link AuditChain}) and appends them to the file, with a signed
 * checkpoint every {@code checkpointRecords} records or {@code checkpointInterval}, whichever comes first, and
 * when the file is rotated or the gateway stops. A record that finds the queue full (or whose write fails) is
 * not silently lost: it is counted, and a {@code gap} line says how many were lost and when, which
 * {@code audit verify} reports.
 */
public final class AuditTrail implements AccessLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final int BATCH = 4096;
    /** How often the writer looks whether someone moved the file away (logrotate). */
    private static final long MOVE_CHECK_MILLIS = 1000;

    /**
     * @param file               the audit file
     * @param key                signs start lines and checkpoints
     * @param checkpointRecords  a checkpoint after this many records
     * @param checkpointInterval … or after this long, if any record came since the last one
     * @param maxFileBytes       rotate once the file is this large; 0: never (rotation left to logrotate)
     * @param queueCapacity      records waiting for the writer; more are lost, counted and marked
     */
    public record Settings(Path file, AuditKey key, int checkpointRecords, Duration checkpointInterval,
                           long maxFileBytes, int queueCapacity) {
        public Settings {
            requireNonNull(file, "file");
            requireNonNull(key, "key");
            if (checkpointRecords < 1 || checkpointInterval.isNegative() || checkpointInterval.isZero()) {
                throw new IllegalArgumentException("checkpoints need a positive record count and interval");
            }
        }
    }

    private final Settings settings;
    private final Function<AccessLogRecord, String> encoder;
    private final Clock clock;
    private final BlockingQueue<AccessLogRecord> queue;
    private final AuditFile file;
    private final AuditChain chain;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong firstLoss = new AtomicLong();
    private final AtomicLong lastLoss = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private long reportedLost;
    private long lastCheckpointMillis;
    private long lastMoveCheck;

    /**
     * Opens the file, continues the chain of what it holds (or starts one) and writes the start line before
     * returning, so an unusable file stops the start-up.
     *
     * @param encoder an access record as the access log writes it (one JSON object, no newline)
     * @throws IOException              if the file cannot be opened or written
     * @throws IllegalArgumentException if the file does not end with an intact audit line
     */
    public AuditTrail(Settings settings, Function<AccessLogRecord, String> encoder, Clock clock) throws IOException {
        this.settings = settings;
        this.encoder = requireNonNull(encoder, "encoder");
        this.clock = requireNonNull(clock, "clock");
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.file = new AuditFile(settings.file());
        AuditFile.Tail tail = file.tail();
        try {
            this.chain = tail.lastLine() == null ? AuditChain.fresh(settings.key())
                    : AuditChain.after(tail.lastLine(), settings.key());
        } catch (IllegalArgumentException e) {
            file.close();
            throw new IllegalArgumentException(file.path() + " does not end with an intact audit line (" + e.getMessage()
                    + "): move it away, or point modelgate.audit.file to a new file");
        }
        if (tail.torn() > 0) {
            LOG.warn("audit file {} ended with an unfinished line ({} bytes; the gateway stopped mid-write): the chain "
                    + "continues from the line before it, and the start line says so", file.path(), tail.torn());
        }
        file.append(line(start(tail.lastLine() == null ? "new" : "restart", tail.torn())));
        file.sync();
        lastCheckpointMillis = clock.millis();
        LOG.info("audit trail {}: seq {} (key {})", file.path(), chain.seq(), settings.key().id());
        this.writer = Thread.ofPlatform().daemon().name("modelgate-audit").start(this::run);
    }

    @Override
    public void log(AccessLogRecord record) {
        // after close nothing drains the queue: such a record is lost, and counted (no gap line can follow)
        if (!running || !queue.offer(record)) {
            long now = System.currentTimeMillis();
            firstLoss.compareAndSet(0, now);
            lastLoss.set(now);
            lost.incrementAndGet();
        }
    }

    /** Records that never reached the file (each one is covered by a gap line). */
    public long lost() {
        return lost.get();
    }

    /** Records written to the file. */
    public long written() {
        return written.get();
    }

    private void run() {
        List<AccessLogRecord> batch = new ArrayList<>(BATCH);
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        while (running || !queue.isEmpty()) {
            try {
                AccessLogRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                writeBatch(batch, out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        finish(out);
    }

    /** The records, then a gap line for any lost meanwhile, a checkpoint if one is due, rotation if due. */
    private void writeBatch(List<AccessLogRecord> batch, ByteArrayOutputStream out) {
        AuditChain.Mark mark = chain.mark();
        long sizeBefore = file.size();
        boolean signed = false;
        try {
            for (AccessLogRecord r : batch) {
                out.write(line(chain.record(encoder.apply(r))));
                if (chain.recordsSinceCheckpoint() >= settings.checkpointRecords()) {
                    out.write(line(checkpoint("count")));
                    signed = true;
                }
            }
            gap(out);
            if (chain.recordsSinceCheckpoint() > 0
                    && clock.millis() - lastCheckpointMillis >= settings.checkpointInterval().toMillis()) {
                out.write(line(checkpoint("interval")));
                signed = true;
            }
            if (out.size() > 0) {
                file.append(out.toByteArray());
                if (signed) {
                    file.sync();
                }
                written.addAndGet(batch.size());
            }
            out.reset();
            rotateIfDue(out);
        } catch (IOException | RuntimeException e) {
            // the lines made for this batch never reached the disk: the chain goes back to before them, and the
            // records count as lost, so the next gap line covers them
            chain.reset(mark);
            file.truncateBack(sizeBefore);
            out.reset();
            long now = System.currentTimeMillis();
            firstLoss.compareAndSet(0, now);
            lastLoss.set(now);
            lost.addAndGet(batch.size());
            LOG.warn("audit trail: writing {} failed ({}); {} records lost, a gap line will say so", file.path(),
                    e.toString(), batch.size());
        } finally {
            batch.clear();
        }
    }

    private void gap(ByteArrayOutputStream out) throws IOException {
        long total = lost.get();
        if (total == reportedLost) {
            return;
        }
        long from = firstLoss.getAndSet(0);
        long to = Math.max(lastLoss.get(), from);
        out.write(line(chain.gap(total - reportedLost, Instant.ofEpochMilli(from), Instant.ofEpochMilli(to),
                "queue full or write failed")));
        LOG.warn("audit trail could not keep up: {} records lost (gap line at seq {}; {} lost in all)",
                total - reportedLost, chain.seq(), total);
        reportedLost = total;
    }

    private void rotateIfDue(ByteArrayOutputStream out) throws IOException {
        if (settings.maxFileBytes() > 0 && file.size() >= settings.maxFileBytes()) {
            file.append(line(checkpoint("rotation")));
            Path rotated = file.rotate(clock.instant());
            file.append(line(start("rotation", 0)));
            file.sync();
            LOG.info("audit file rotated: {} → {} (the new file continues its chain)", file.path(), rotated);
            return;
        }
        long now = clock.millis();
        if (now - lastMoveCheck >= MOVE_CHECK_MILLIS) {
            lastMoveCheck = now;
            if (file.movedAway()) {
                file.append(line(checkpoint("moved")));
                file.reopen();
                file.append(line(start("reopen", 0)));
                file.sync();
                LOG.info("audit file {} was moved away: reopened, the new file continues its chain", file.path());
            }
        }
    }

    /** On stop: what is still queued, then a last checkpoint, so the whole file ends signed. */
    private void finish(ByteArrayOutputStream out) {
        List<AccessLogRecord> rest = new ArrayList<>(queue);
        queue.clear();
        writeBatch(rest, out);
        try {
            gap(out);
            out.write(line(checkpoint("stop")));
            file.append(out.toByteArray());
            file.close();
        } catch (IOException e) {
            LOG.warn("audit trail: the last checkpoint of {} could not be written: {}", file.path(), e.toString());
        }
    }

    private String start(String reason, int torn) {
        return chain.start(reason, clock.instant(), settings.checkpointRecords(), settings.checkpointInterval(), torn);
    }

    private String checkpoint(String reason) {
        lastCheckpointMillis = clock.millis();
        return chain.checkpoint(reason, clock.instant());
    }

    private static byte[] line(String line) {
        return (line + "\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(10_000);
    }
}
