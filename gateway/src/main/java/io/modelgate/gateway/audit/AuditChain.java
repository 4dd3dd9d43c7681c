package io.modelgate.gateway.audit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * Makes the lines of one chain, in order: each gets the next sequence number and the hash of the line before.
 * Pure (no I/O, no clock), used by one thread: the writer thread of {@link AuditTrail}.
 */
final class AuditChain {

    private final AuditKey key;
    private long seq;
    private String last;
    private long recordsSinceSigned;

    private AuditChain(AuditKey key, long seq, String last) {
        this.key = requireNonNull(key, "key");
        this.seq = seq;
        this.last = last;
    }

    /** A chain that starts here: its first line has sequence number 1 and {@code prev} {@link AuditLines#GENESIS}. */
    static AuditChain fresh(AuditKey key) {
        return new AuditChain(key, 0, AuditLines.GENESIS);
    }

    /**
     * A chain that continues after {@code lastLine} (the last line of an existing file, or of the file before a
     * rotation).
     *
     * @throws IllegalArgumentException if that line is no intact audit line
     */
    static AuditChain after(String lastLine, AuditKey key) {
        AuditLines.Line line = AuditLines.parse(lastLine);
        if (!line.hashMatches()) {
            throw new IllegalArgumentException("its hash does not match its content");
        }
        return new AuditChain(key, line.seq(), line.hash());
    }

    /**
     * The signed line that opens a file: why it was opened and how often checkpoints follow. {@code torn}: the
     * length in bytes of an unfinished line just before it (a crash mid-write), 0 if none.
     */
    String start(String reason, Instant now, int checkpointRecords, Duration checkpointInterval, int torn) {
        StringBuilder b = AuditLines.begin(++seq, last, AuditLines.START);
        time(b, now).append(",\"reason\":\"").append(reason).append("\",\"checkpointRecords\":").append(checkpointRecords)
                .append(",\"checkpointSeconds\":").append(checkpointInterval.toSeconds());
        if (torn > 0) {
            b.append(",\"torn\":").append(torn);
        }
        return signed(b);
    }

    /** One access record, {@code json} being the access-log object as the access log writes it. */
    String record(String json) {
        StringBuilder b = AuditLines.begin(++seq, last, AuditLines.RECORD).append(",\"record\":").append(json);
        recordsSinceSigned++;
        return sealed(b, null);
    }

    /** A signed line covering everything before it; {@code records} says how many records since the last one. */
    String checkpoint(String reason, Instant now) {
        StringBuilder b = AuditLines.begin(++seq, last, AuditLines.CHECKPOINT);
        time(b, now).append(",\"reason\":\"").append(reason).append("\",\"records\":").append(recordsSinceSigned);
        return signed(b);
    }

    /** Records that never reached the file (the queue was full or a write failed), between two instants. */
    String gap(long lost, Instant first, Instant lastLoss, String cause) {
        StringBuilder b = AuditLines.begin(++seq, last, AuditLines.GAP);
        b.append(",\"lost\":").append(lost).append(",\"from\":\"").append(first).append("\",\"to\":\"").append(lastLoss)
                .append("\",\"cause\":\"").append(cause).append('"');
        return sealed(b, null);
    }

    /** Where the chain is, to go back to if the lines made since could not be written. */
    record Mark(long seq, String last, long recordsSinceSigned) {
    }

    Mark mark() {
        return new Mark(seq, last, recordsSinceSigned);
    }

    void reset(Mark mark) {
        seq = mark.seq();
        last = mark.last();
        recordsSinceSigned = mark.recordsSinceSigned();
    }

    /** Records written since the last signed line. */
    long recordsSinceCheckpoint() {
        return recordsSinceSigned;
    }

    long seq() {
        return seq;
    }

    /** The hash the next line will name as {@code prev}. */
    String lastHash() {
        return last;
    }

    private String signed(StringBuilder b) {
        b.append(",\"key\":\"").append(key.id()).append('"');
        recordsSinceSigned = 0;
        return sealed(b, key);
    }

    private String sealed(StringBuilder b, AuditKey signer) {
        String line = AuditLines.seal(b, signer);
        last = line.substring(line.length() - 66, line.length() - 2);
        return line;
    }

    private static StringBuilder time(StringBuilder b, Instant now) {
        return b.append(",\"time\":\"").append(now).append('"');
    }
}
