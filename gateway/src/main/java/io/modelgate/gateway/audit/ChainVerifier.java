package io.modelgate.gateway.audit;

import io.modelgate.gateway.audit.AuditLineCursor.Entry;
import io.modelgate.gateway.audit.AuditLines.Line;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Walks a chain line by line and stops at the first line that does not fit, saying how it does not fit:
 * changed (its hash does not match it, or the next line was chained to a different one), removed (the
 * sequence jumps), reordered (the missing number comes later), inserted (the line after it continues from
 * the line before it). With keys it also checks every signed line's HMAC. No I/O of its own.
 */
final class ChainVerifier {

    /** How far to look ahead for a missing sequence number before calling it removed. */
    private static final int LOOK_AHEAD = 10_000;

    private final Map<String, AuditKey> keys;

    /** @param keys the keys to check signatures with; empty: signatures are not checked */
    ChainVerifier(List<AuditKey> keys) {
        this.keys = keys.stream().collect(Collectors.toMap(AuditKey::id, Function.identity(), (a, b) -> a));
    }

    VerifyReport verify(List<AuditLineCursor.Source> files) {
        try (AuditLineCursor cursor = new AuditLineCursor(files)) {
            return new Walk(cursor).run();
        }
    }

    /** The state of one verification. */
    private final class Walk {
        private final AuditLineCursor cursor;
        private final VerifyReport.Builder report;
        private Entry previous;
        private long expected;
        private String lastHash;
        private String hashBefore;
        private boolean midChain;
        /** The checkpoint policy of the last start line, and records since the last signed line. */
        private long signEvery = Long.MAX_VALUE;
        private long sinceSigned;

        Walk(AuditLineCursor cursor) {
            this.cursor = cursor;
            this.report = new VerifyReport.Builder(!keys.isEmpty());
        }

        VerifyReport run() {
            Entry e;
            while ((e = cursor.next()) != null) {
                String problem = check(e);
                if (problem != null) {
                    return report.failed(problem);
                }
            }
            if (!keys.isEmpty() && report.signedSoFar() == 0 && previous != null) {
                return report.failed("no line is signed, but every file begins with a signed start line: the "
                        + "signed lines were removed");
            }
            return report.done();
        }

        private String check(Entry e) {
            Line line;
            try {
                line = AuditLines.parse(e.text());
            } catch (IllegalArgumentException bad) {
                if (tornBeforeStart(e)) {
                    report.torn(e.where() + ": an unfinished line (" + e.text().getBytes(StandardCharsets.UTF_8).length
                            + " bytes) from a stop mid-write, declared by the start line after it");
                    return null;
                }
                return insertedHere() ? inserted(e) : e.where() + " is not an audit line (" + bad.getMessage()
                        + "): it was changed, or cut short when the gateway stopped mid-write";
            }
            if (!line.hashMatches()) {
                return insertedHere() ? inserted(e) : e.where() + " (seq " + line.seq() + ") was changed: its hash does "
                        + "not match its content";
            }
            String misplaced = previous == null ? first(e, line) : place(e, line);
            if (misplaced != null) {
                return misplaced;
            }
            String unsigned = signature(e, line);
            if (unsigned != null) {
                return unsigned;
            }
            String policy = policy(e, line);
            if (policy != null) {
                return policy;
            }
            report.line(e, line);
            hashBefore = lastHash;
            lastHash = line.hash();
            expected = line.seq() + 1;
            previous = e;
            return null;
        }

        /** The writer signs at least every {@code checkpointRecords} records; a longer unsigned run lost its checkpoints. */
        private String policy(Entry e, Line line) {
            switch (line.type()) {
                case AuditLines.START -> {
                    long every = line.json().path("checkpointRecords").asLong(0);
                    signEvery = every > 0 ? every : Long.MAX_VALUE;
                    sinceSigned = 0;
                }
                case AuditLines.CHECKPOINT -> sinceSigned = 0;
                case AuditLines.RECORD -> {
                    if (++sinceSigned > signEvery) {
                        return e.where() + " is record " + sinceSigned + " since the last signed line, but checkpoints "
                                + "come every " + signEvery + " records: a checkpoint before it was removed";
                    }
                }
                default -> { }
            }
            return null;
        }

        private String first(Entry e, Line line) {
            if (line.seq() == 1 && line.prev().equals(AuditLines.GENESIS)) {
                return null;
            }
            if (line.type().equals(AuditLines.START)) {
                midChain = true;
                report.continues(line.prev());
                return null;
            }
            return e.where() + " (seq " + line.seq() + ") is neither the beginning of a chain nor of a file: lines were "
                    + "removed before it";
        }

        private String place(Entry e, Line line) {
            if (line.seq() == expected) {
                if (line.prev().equals(lastHash)) {
                    return null;
                }
                if (e.firstOfFile()) {
                    return e.where() + " does not continue " + previous.file() + ": its prev is not the hash of "
                            + previous.where() + " (files in the wrong order, a file in between missing, or "
                            + previous.where() + " changed)";
                }
                return previous.where() + " (seq " + (expected - 1) + ") was changed: its hash was recomputed, but "
                        + e.where() + " was chained to a different line";
            }
            if (line.seq() > expected) {
                Entry later = find(expected);
                if (later != null) {
                    return "lines were reordered: " + e.where() + " has seq " + line.seq() + ", seq " + expected
                            + " comes later, at " + later.where();
                }
                long gone = line.seq() - expected;
                return gone + " line" + (gone == 1 ? " was" : "s were") + " removed before " + e.where()
                        + " (seq jumps from " + (expected - 1) + " to " + line.seq() + ")"
                        + (e.firstOfFile() ? ": a file in between missing, or the end of " + previous.file() + " cut" : "");
            }
            if (line.seq() == expected - 1 && line.prev().equals(hashBefore)) {
                return previous.where() + " was inserted: " + e.where() + " continues from the line before it";
            }
            boolean genesis = line.seq() == 1 && line.prev().equals(AuditLines.GENESIS);
            if (e.firstOfFile() && (midChain || !genesis)) {
                return e.where() + " (seq " + line.seq() + ") goes back from seq " + (expected - 1) + " at "
                        + previous.where() + ": files in the wrong order (give them oldest first), or one given twice";
            }
            if (genesis) {
                return e.where() + " starts a new chain instead of continuing " + previous.where()
                        + " (the gateway started without the previous audit file in place?)";
            }
            return e.where() + " is out of order: seq " + line.seq() + " after seq " + (expected - 1)
                    + " (lines reordered or repeated)";
        }

        private String signature(Entry e, Line line) {
            boolean signedType = line.type().equals(AuditLines.START) || line.type().equals(AuditLines.CHECKPOINT);
            if (!signedType || keys.isEmpty()) {
                return null;
            }
            if (line.mac() == null || line.keyId() == null) {
                return e.where() + " (a " + line.type() + ") has no signature";
            }
            AuditKey key = keys.get(line.keyId());
            if (key == null) {
                return e.where() + " is signed with key " + line.keyId() + ", which none of the --key-file keys is";
            }
            if (!MessageDigest.isEqual(key.mac(line.macInput()).getBytes(StandardCharsets.US_ASCII),
                    line.mac().getBytes(StandardCharsets.US_ASCII))) {
                return e.where() + " (seq " + line.seq() + ") has a wrong signature: the chain up to it was rewritten";
            }
            report.signed(e, line);
            return null;
        }

        /**
         * A crash can cut the last write short; the next start line declares the fragment's length ({@code torn})
         * and continues from the line before it. A signed declaration, so with a key it cannot be forged.
         */
        private boolean tornBeforeStart(Entry e) {
            Line n = nextFitting();
            return n != null && n.type().equals(AuditLines.START)
                    && n.json().path("torn").asLong(-1) == e.text().getBytes(StandardCharsets.UTF_8).length;
        }

        /** The line right after a bad one continues from the line before it: the bad one was inserted. */
        private boolean insertedHere() {
            return nextFitting() != null;
        }

        /** The line after the current one, if it is intact and fits right after the last good line; else null. */
        private Line nextFitting() {
            Entry next = cursor.peek(0);
            if (next == null || previous == null) {
                return null;
            }
            try {
                Line n = AuditLines.parse(next.text());
                return n.hashMatches() && n.seq() == expected && n.prev().equals(lastHash) ? n : null;
            } catch (IllegalArgumentException notALine) {
                return null;
            }
        }

        private String inserted(Entry e) {
            return e.where() + " was inserted: " + cursor.peek(0).where() + " continues from " + previous.where();
        }

        private Entry find(long seq) {
            for (int i = 0; i < LOOK_AHEAD; i++) {
                Entry ahead = cursor.peek(i);
                if (ahead == null) {
                    return null;
                }
                try {
                    if (AuditLines.parse(ahead.text()).seq() == seq) {
                        return ahead;
                    }
                } catch (IllegalArgumentException notALine) {
                    // keep looking
                }
            }
            return null;
        }
    }
}
