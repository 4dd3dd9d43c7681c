package io.modelgate.gateway.audit;

import io.modelgate.gateway.audit.AuditLineCursor.Entry;
import io.modelgate.gateway.audit.AuditLines.Line;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verification found.
 *
 * @param problem        the first line that does not fit and why; null if the chain is intact
 * @param lines          lines checked (up to the problem)
 * @param records        access records among them
 * @param firstSeq       sequence number of the first line, 0 if none
 * @param lastSeq        sequence number of the last intact line
 * @param continuesFrom  the hash the first file continues from (an earlier file not given), or null if the
 *                       chain begins with it
 * @param keysChecked    signatures were checked
 * @param signed         signed lines whose signature was checked
 * @param lastSigned     where the last checked signature is, or null
 * @param afterLastSigned lines after it (chained, but not covered by a signature yet)
 * @param gaps           records lost before reaching the file, as the writer reported them
 * @param torn           unfinished lines a crash left, each declared by the start line after it
 */
record VerifyReport(String problem, long lines, long records, long firstSeq, long lastSeq, String continuesFrom,
                    boolean keysChecked, long signed, String lastSigned, long afterLastSigned, List<Gap> gaps,
                    List<String> torn) {

    /** A gap marker: {@code lost} records between two instants. */
    record Gap(String where, long lost, String from, String to, String cause) {
    }

    boolean intact() {
        return problem == null;
    }

    long lost() {
        return gaps.stream().mapToLong(Gap::lost).sum();
    }

    /** Collects counts while a chain is walked. */
    static final class Builder {
        private final boolean keysChecked;
        private final List<Gap> gaps = new ArrayList<>();
        private final List<String> torn = new ArrayList<>();
        private long lines;
        private long records;
        private long firstSeq;
        private long lastSeq;
        private String continuesFrom;
        private long signed;
        private String lastSigned;
        private long afterLastSigned;

        Builder(boolean keysChecked) {
            this.keysChecked = keysChecked;
        }

        void continues(String hash) {
            continuesFrom = hash;
        }

        void line(Entry e, Line line) {
            if (lines == 0) {
                firstSeq = line.seq();
            }
            lines++;
            lastSeq = line.seq();
            switch (line.type()) {
                case AuditLines.RECORD -> records++;
                case AuditLines.GAP -> gaps.add(new Gap(e.where(), line.json().path("lost").asLong(),
                        line.json().path("from").asString(""), line.json().path("to").asString(""),
                        line.json().path("cause").asString("")));
                default -> { }
            }
            if (!e.where().equals(lastSigned)) {
                afterLastSigned++;
            }
        }

        long signedSoFar() {
            return signed;
        }

        void torn(String note) {
            torn.add(note);
        }

        void signed(Entry e, Line line) {
            signed++;
            lastSigned = e.where();
            afterLastSigned = 0;
        }

        VerifyReport failed(String problem) {
            return build(problem);
        }

        VerifyReport done() {
            return build(null);
        }

        private VerifyReport build(String problem) {
            return new VerifyReport(problem, lines, records, firstSeq, lastSeq, continuesFrom, keysChecked, signed,
                    lastSigned, afterLastSigned, List.copyOf(gaps), List.copyOf(torn));
        }
    }
}
