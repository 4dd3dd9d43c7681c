package io.modelgate.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.modelgate.gateway.accesslog.AccessLogRecord;
import io.modelgate.gateway.accesslog.JsonLineEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer on real files (temporary ones): restarts, rotation by size, a file moved away by logrotate, a full
 * queue, a crash mid-write, an unusable file; each result checked by the real {@code audit verify} command code.
 */
class AuditTrailIT {

    @TempDir
    Path dir;

    private final JsonLineEncoder encoder = new JsonLineEncoder(List.of());

    private Path keyFile() throws IOException {
        Path key = dir.resolve("audit.key");
        if (!Files.exists(key)) {
            Files.writeString(key, "0123456789abcdef0123456789abcdef0123456789\n");
        }
        return key;
    }

    private AuditTrail trail(Path file, long maxBytes, int queue, Function<AccessLogRecord, String> enc) throws IOException {
        return new AuditTrail(new AuditTrail.Settings(file, AuditKey.load(keyFile()), 10, Duration.ofHours(1), maxBytes,
                queue), enc, Clock.systemUTC());
    }

    private AuditTrail trail(Path file) throws IOException {
        return trail(file, 0, 1000, encoder::json);
    }

    private static AccessLogRecord record(int n) {
        return new AccessLogRecord(System.currentTimeMillis(), "127.0.0.1", "GET", "localhost", "/api/v1/m/" + n,
                "HTTP/1.1", 200, 200, 1.0, 0.5, 0, 10, "m@file", "m@file", "http://127.0.0.1:1", "r" + n);
    }

    private static void log(AuditTrail trail, int from, int count) {
        for (int i = from; i < from + count; i++) {
            trail.log(record(i));
        }
    }

    /** Runs the command as {@code main} would; returns exit code and output. */
    private record Run(int code, String out) {
    }

    private Run verify(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> all = new ArrayList<>(List.of("verify"));
        all.addAll(List.of(args));
        int code = AuditCommand.run(all, ps, ps);
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRestartedWriterContinuesTheChainInTheSameFile() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditTrail t = trail(file)) {
            log(t, 0, 25);
        }
        try (AuditTrail t = trail(file)) {
            log(t, 25, 5);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.getFirst()).contains("\"type\":\"start\"").contains("\"reason\":\"new\"");
        assertThat(lines).filteredOn(l -> l.contains("\"reason\":\"restart\"")).hasSize(1);
        assertThat(lines.getLast()).contains("\"type\":\"checkpoint\"").contains("\"reason\":\"stop\"");
        Run ok = verify(file.toString(), "--key-file", keyFile().toString());
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).startsWith("OK: 30 records in " + lines.size() + " lines, 1 file, seq 1-" + lines.size())
                .contains("0 line(s) after it are chained but not signed yet");

        // the same file after one line was deleted: exit 1 and the line named
        lines.remove(7);
        Files.write(file, lines);
        Run bad = verify("--modelgate.audit.enabled=true", file.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).contains("FAILED: 1 line was removed before " + file + ":8 (seq jumps from 7 to 9)");
    }

    @Test
    void rotationBySizeStartsNewFilesThatContinueTheChain() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditTrail t = trail(file, 2000, 1000, encoder::json)) {
            for (int i = 0; i < 40; i++) {
                t.log(record(i));
                int written = i + 1;
                await().atMost(Duration.ofSeconds(5)).until(() -> t.written() == written);
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().startsWith("audit.log.")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(2);
        for (Path rotated : files) {
            assertThat(Files.readAllLines(rotated).getLast()).contains("\"reason\":\"rotation\"");
        }
        List<String> args = new ArrayList<>(files.stream().map(Path::toString).toList());
        args.add(file.toString());
        args.add("--key-file=" + keyFile());
        Run ok = verify(args.toArray(String[]::new));
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).startsWith("OK: 40 records in ").contains((files.size() + 1) + " files");

        Run oneFile = verify(file.toString());
        assertThat(oneFile.code()).isZero();
        assertThat(oneFile.out()).contains("the first file continues an earlier one");

        List<String> missingMiddle = new ArrayList<>(args);
        missingMiddle.remove(1);
        Run gap = verify(missingMiddle.toArray(String[]::new));
        assertThat(gap.code()).isEqualTo(1);
        assertThat(gap.out()).contains("removed before " + files.get(2) + ":1").contains("a file in between missing");
    }

    @Test
    void aFileMovedAwayByLogrotateIsReopenedAndTheChainGoesOn() throws Exception {
        Path file = dir.resolve("audit.log");
        Path moved = dir.resolve("audit.log.1");
        try (AuditTrail t = trail(file)) {
            log(t, 0, 3);
            await().atMost(Duration.ofSeconds(5)).until(() -> t.written() == 3);
            Files.move(file, moved);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
            log(t, 3, 3);
        }
        assertThat(Files.readAllLines(moved).getLast()).contains("\"reason\":\"moved\"");
        assertThat(Files.readAllLines(file).getFirst()).contains("\"reason\":\"reopen\"");
        Run ok = verify(moved.toString(), file.toString(), "--key-file", keyFile().toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).startsWith("OK: 6 records");
    }

    @Test
    void recordsThatFindTheQueueFullAreCountedAndMarkedNeverSilentlyLost() throws Exception {
        Path file = dir.resolve("audit.log");
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        Function<AccessLogRecord, String> slowDisk = r -> {
            entered.countDown();
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return encoder.json(r);
        };
        try (AuditTrail t = trail(file, 0, 4, slowDisk)) {
            t.log(record(0));
            entered.await();
            log(t, 1, 20); // 4 fit in the queue, 16 do not
            assertThat(t.lost()).isEqualTo(16);
            stuck.countDown();
        }
        String text = Files.readString(file);
        assertThat(text).contains("\"type\":\"gap\",\"lost\":16,");
        Run run = verify(file.toString(), "--key-file", keyFile().toString());
        assertThat(run.code()).as(run.out()).isEqualTo(3);
        assertThat(run.out()).startsWith("OK: 5 records").contains("WARNING: 16 record(s) lost");
    }

    @Test
    void aLineCutShortByACrashIsDeclaredByTheNextStartAndAccepted() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditTrail t = trail(file)) {
            log(t, 0, 3);
        }
        Files.writeString(file, "{\"seq\":99,\"prev\":\"00", StandardOpenOption.APPEND);
        try (AuditTrail t = trail(file)) {
            log(t, 3, 2);
        }
        assertThat(Files.readString(file)).contains("\"torn\":20");
        Run ok = verify(file.toString(), "--key-file", keyFile().toString());
        assertThat(ok.code()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("note: " + file + ":6: an unfinished line (20 bytes)");
    }

    @Test
    void aFileThatIsNoAuditFileAndABadKeyStopTheStartWithOneLine() throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "{\"time\":\"2026-12-02T10:00:00Z\",\"status\":200}\n");
        assertThatThrownBy(() -> trail(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " does not end with an intact audit line (it does not end with a \"hash\" member): "
                        + "move it away, or point modelgate.audit.file to a new file");
        Path shortKey = dir.resolve("short.key");
        Files.writeString(shortKey, "too-short\n");
        assertThatThrownBy(() -> AuditKey.load(shortKey)).hasMessage("key file " + shortKey + " is too short: the key "
                + "has 9 bytes, at least 32 are needed (make one with: openssl rand -base64 48 > " + shortKey + ")");
        assertThatThrownBy(() -> AuditKey.load(dir.resolve("none"))).hasMessage("key file " + dir.resolve("none")
                + " does not exist");
        Run usage = verify(dir.resolve("none").toString());
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.out()).contains("error: " + dir.resolve("none") + " cannot be read").contains("usage:");
    }
}
