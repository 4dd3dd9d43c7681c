package io.modelgate.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.accesslog.AccessLogRecord;
import io.modelgate.gateway.accesslog.JsonLineEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chain format and its verification, on lines made by the writer's own {@link AuditChain} from real access
 * records (encoded by the access log's encoder), then tampered with the way an intruder would: edit, delete,
 * swap, insert; across rotated files and a restart; with and without the signing key.
 */
class ChainVerifierTest {

    private static final AuditKey KEY = new AuditKey("k".repeat(40).getBytes(StandardCharsets.US_ASCII));
    private static final AuditKey OTHER = new AuditKey("o".repeat(40).getBytes(StandardCharsets.US_ASCII));
    private static final JsonLineEncoder ENCODER = new JsonLineEncoder(List.of("api_key"));
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    /** Lines 1: start, 2-6: records, 7: checkpoint, 8-10: records. */
    private static List<String> log(AuditChain chain, int firstUser) {
        List<String> lines = new ArrayList<>();
        lines.add(chain.start("new", T0, 5, Duration.ofSeconds(60), 0));
        for (int i = 0; i < 8; i++) {
            lines.add(chain.record(ENCODER.json(record(firstUser + i))));
            if (chain.recordsSinceCheckpoint() == 5) {
                lines.add(chain.checkpoint("count", T0.plusSeconds(i)));
            }
        }
        return lines;
    }

    private static AccessLogRecord record(int n) {
        return new AccessLogRecord(T0.toEpochMilli() + n, "10.0.0." + n, "POST", "api.example",
                "/api/v1/sentiment/predict?api_key=secret" + n, "HTTP/1.1", 200, 200, 12.5, 11.0, 300, 80,
                "sentiment@docker", "sentiment@docker", "http://10.0.9.4:8000", "req-" + n);
    }

    private static VerifyReport verify(List<AuditKey> keys, List<String>... files) {
        List<AuditLineCursor.Source> sources = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            List<String> lines = files[i];
            sources.add(new AuditLineCursor.Source("audit" + (i + 1) + ".log", lines::stream));
        }
        return new ChainVerifier(keys).verify(sources);
    }

    @SafeVarargs
    private static VerifyReport verify(List<String>... files) {
        return verify(List.of(), files);
    }

    @Test
    void anUntouchedLogIsIntactAndCounted() {
        List<String> lines = log(AuditChain.fresh(KEY), 0);
        VerifyReport r = verify(List.of(KEY), lines);
        assertThat(r.problem()).isNull();
        assertThat(r.lines()).isEqualTo(10);
        assertThat(r.records()).isEqualTo(8);
        assertThat(r.firstSeq()).isEqualTo(1);
        assertThat(r.lastSeq()).isEqualTo(10);
        assertThat(r.signed()).isEqualTo(2);
        assertThat(r.lastSigned()).isEqualTo("audit1.log:7");
        assertThat(r.afterLastSigned()).isEqualTo(3);
        assertThat(r.continuesFrom()).isNull();
        assertThat(lines.get(1)).contains("\"path\":\"/api/v1/sentiment/predict?api_key=REDACTED\"")
                .doesNotContain("secret");
    }

    @Test
    void anEditedLineIsNamed() {
        List<String> lines = log(AuditChain.fresh(KEY), 0);
        lines.set(3, lines.get(3).replace("\"status\":200", "\"status\":201"));
        assertThat(verify(lines).problem()).isEqualTo("audit1.log:4 (seq 4) was changed: its hash does not match "
                + "its content");
    }

    @Test
    void anEditedLineWithARecomputedHashIsNamedByTheLineAfterIt() {
        List<String> lines = log(AuditChain.fresh(KEY), 0);
        String edited = lines.get(3).replace("\"clientIp\":\"10.0.0.2\"", "\"clientIp\":\"10.9.9.9\"");
        String body = edited.substring(0, edited.lastIndexOf(",\"hash\":"));
        lines.set(3, AuditLines.seal(new StringBuilder(body), null));
        assertThat(verify(lines).problem()).isEqualTo("audit1.log:4 (seq 4) was changed: its hash was recomputed, "
                + "but audit1.log:5 was chained to a different line");
    }

    @Test
    void aDeletedLineIsNamed() {
        List<String> lines = log(AuditChain.fresh(KEY), 0);
        lines.remove(4);
        assertThat(verify(lines).problem()).isEqualTo("1 line was removed before audit1.log:5 (seq jumps from 4 to 6)");
    }

    @Test
    void swappedLinesAreNamed() {
        List<String> lines = log(AuditChain.fresh(KEY), 0);
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);
        assertThat(verify(lines).problem()).isEqualTo("lines were reordered: audit1.log:3 has seq 4, seq 3 comes "
                + "later, at audit1.log:4");
    }

    @Test
    void anInsertedLineIsNamedWhetherForgedWellOrBadly() {
        List<String> lines = log(AuditChain.fresh(KEY), 0);
        List<String> badly = new ArrayList<>(lines);
        badly.add(5, lines.get(5).replace("req-4", "req-x"));
        assertThat(verify(badly).problem()).isEqualTo("audit1.log:6 was inserted: audit1.log:7 continues from "
                + "audit1.log:5");

        // well: a correct-looking line with the next seq and the right prev, made with the writer's own code
        AuditChain forger = AuditChain.after(lines.get(4), KEY);
        List<String> well = new ArrayList<>(lines);
        well.add(5, forger.record(ENCODER.json(record(99))));
        assertThat(verify(well).problem()).isEqualTo("audit1.log:6 was inserted: audit1.log:7 continues from the "
                + "line before it");
    }

    @Test
    void rotatedFilesFormOneChain() {
        AuditChain chain = AuditChain.fresh(KEY);
        List<String> first = log(chain, 0);
        first.add(chain.checkpoint("rotation", T0.plusSeconds(30)));
        List<String> second = new ArrayList<>(List.of(chain.start("rotation", T0.plusSeconds(30), 5,
                Duration.ofSeconds(60), 0)));
        second.add(chain.record(ENCODER.json(record(50))));

        VerifyReport both = verify(List.of(KEY), first, second);
        assertThat(both.problem()).isNull();
        assertThat(both.records()).isEqualTo(9);
        assertThat(both.lastSeq()).isEqualTo(13);

        VerifyReport alone = verify(second);
        assertThat(alone.problem()).isNull();
        assertThat(alone.continuesFrom()).isEqualTo(AuditLines.parse(first.getLast()).hash());

        assertThat(verify(second, first).problem()).isEqualTo("audit2.log:1 (seq 1) goes back from seq 13 at "
                + "audit1.log:2: files in the wrong order (give them oldest first), or one given twice");
        List<String> cut = new ArrayList<>(first.subList(0, first.size() - 1));
        assertThat(verify(cut, second).problem()).isEqualTo("1 line was removed before audit2.log:1 (seq jumps "
                + "from 10 to 12): a file in between missing, or the end of audit1.log cut");
    }

    @Test
    void aRestartContinuesTheChainFromTheLastLine() {
        List<String> lines = log(AuditChain.fresh(KEY), 0);
        AuditChain restarted = AuditChain.after(lines.getLast(), KEY);
        lines.add(restarted.start("restart", T0.plusSeconds(100), 5, Duration.ofSeconds(60), 0));
        lines.add(restarted.record(ENCODER.json(record(70))));
        VerifyReport r = verify(List.of(KEY), lines);
        assertThat(r.problem()).isNull();
        assertThat(r.lines()).isEqualTo(12);

        // a gateway that started over without the file (a new chain appended) is a break, and named
        List<String> over = new ArrayList<>(lines);
        over.addAll(log(AuditChain.fresh(KEY), 0));
        assertThat(verify(over).problem()).isEqualTo("audit1.log:13 starts a new chain instead of continuing "
                + "audit1.log:12 (the gateway started without the previous audit file in place?)");
    }

    @Test
    void signaturesCatchAChainRewrittenWithoutTheKey() {
        List<String> lines = log(AuditChain.fresh(KEY), 0);
        // an intruder edits record 2 and recomputes every hash after it; the checkpoint keeps its old mac
        List<String> rewritten = new ArrayList<>(lines.subList(0, 2));
        String prev = AuditLines.parse(rewritten.getLast()).hash();
        for (String line : lines.subList(2, lines.size())) {
            String body = line.substring(0, line.lastIndexOf(",\"hash\":"))
                    .replaceFirst("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + prev + "\"")
                    .replace("\"status\":200,\"originStatus\":200,\"durationMs\":12.5,\"originDurationMs\":11.0,"
                            + "\"bytesIn\":300,\"bytesOut\":80,\"router\":\"sentiment@docker\",\"service\":\"sentiment@docker\","
                            + "\"serverUrl\":\"http://10.0.9.4:8000\",\"requestId\":\"req-1\"",
                            "\"status\":403,\"originStatus\":200,\"durationMs\":12.5,\"originDurationMs\":11.0,"
                            + "\"bytesIn\":300,\"bytesOut\":80,\"router\":\"sentiment@docker\",\"service\":\"sentiment@docker\","
                            + "\"serverUrl\":\"http://10.0.9.4:8000\",\"requestId\":\"req-1\"");
            String sealed = AuditLines.seal(new StringBuilder(body), null);
            rewritten.add(sealed);
            prev = AuditLines.parse(sealed).hash();
        }
        assertThat(String.join("\n", rewritten)).contains("\"status\":403");
        assertThat(verify(rewritten).problem()).isNull();
        assertThat(verify(List.of(KEY), rewritten).problem()).isEqualTo("audit1.log:7 (seq 7) has a wrong signature: "
                + "the chain up to it was rewritten");
        assertThat(verify(List.of(OTHER), lines).problem()).isEqualTo("audit1.log:1 is signed with key " + KEY.id()
                + ", which none of the --key-file keys is");
        assertThat(verify(List.of(OTHER, KEY), lines).problem()).isNull();
    }

    @Test
    void aRemovedCheckpointIsNoticedEvenWhenTheChainWasRewrittenAroundIt() {
        AuditChain honest = AuditChain.fresh(KEY);
        List<String> lines = log(honest, 0);
        // an intruder without the key drops the checkpoint (line 7) and re-chains the rest with the writer's code
        List<String> forged = new ArrayList<>(lines.subList(0, 6));
        AuditChain rechained = AuditChain.after(forged.getLast(), KEY);
        for (int i = 0; i < 3; i++) {
            forged.add(rechained.record(ENCODER.json(record(5 + i))));
        }
        assertThat(verify(forged).problem()).isEqualTo("audit1.log:7 is record 6 since the last signed line, but "
                + "checkpoints come every 5 records: a checkpoint before it was removed");

        List<String> chain = new ArrayList<>();
        AuditChain again = AuditChain.fresh(KEY);
        chain.add(again.gap(0, T0, T0, "made up"));
        chain.add(again.record(ENCODER.json(record(1))));
        assertThat(verify(chain).problem()).isNull();
        assertThat(verify(List.of(KEY), chain).problem()).isEqualTo("no line is signed, but every file begins with a "
                + "signed start line: the signed lines were removed");
    }

    @Test
    void gapLinesAreReportedAndMakeTheExitCodeThree() {
        AuditChain chain = AuditChain.fresh(KEY);
        List<String> lines = log(chain, 0);
        lines.add(chain.gap(57, T0.plusSeconds(5), T0.plusSeconds(6), "queue full or write failed"));
        VerifyReport r = verify(lines);
        assertThat(r.problem()).isNull();
        assertThat(r.gaps()).singleElement().satisfies(g -> {
            assertThat(g.where()).isEqualTo("audit1.log:11");
            assertThat(g.lost()).isEqualTo(57);
        });
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertThat(AuditCommand.print(r, 1, new java.io.PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: 8 records in 11 lines")
                .contains("WARNING: 57 record(s) lost").contains("audit1.log:11: 57 lost between 2026-12-02T10:00:05Z");
    }

    @Test
    void linesThatAreNoAuditLinesAreNamed() {
        List<String> lines = log(AuditChain.fresh(KEY), 0);
        lines.set(9, lines.get(9).substring(0, 40));
        assertThat(verify(lines).problem()).isEqualTo("audit1.log:10 is not an audit line (it does not end with a "
                + "\"hash\" member): it was changed, or cut short when the gateway stopped mid-write");
        List<String> headless = new ArrayList<>(lines.subList(2, 9));
        assertThat(verify(headless).problem()).isEqualTo("audit1.log:1 (seq 3) is neither the beginning of a chain "
                + "nor of a file: lines were removed before it");
    }

    @Test
    void aShortKeyIsRefused() {
        byte[] shortKey = new byte[31];
        Arrays.fill(shortKey, (byte) 'x');
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AuditKey(shortKey))
                .hasMessage("the key has 31 bytes, at least 32 are needed");
    }
}
