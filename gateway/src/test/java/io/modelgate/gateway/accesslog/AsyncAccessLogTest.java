package io.modelgate.gateway.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer thread with real files and an output the test holds shut: overload, filters, reopen, copytruncate. */
class AsyncAccessLogTest {

    @TempDir
    Path dir;

    private static AccessLogRecord record(String id, int status) {
        return new AccessLogRecord(0L, "127.0.0.1", "GET", "h", "/" + id, "HTTP/1.1", status, status, 1, 1, 0, 0,
                null, null, null, id);
    }

    /** Holds the writer in its first write until released; counts lines. */
    private static final class GatedOutput extends OutputStream {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger lines = new AtomicInteger();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines.incrementAndGet();
                }
            }
        }
    }

    @Test
    void dropCountsWhatAFullQueueCannotTake() throws Exception {
        GatedOutput out = new GatedOutput();
        try (AsyncAccessLog log = new AsyncAccessLog(AccessLogOutput.of(out), new JsonLineEncoder(List.of()),
                AccessLogFilter.ALL, 16, AsyncAccessLog.Overload.DROP)) {
            log.log(record("first", 200));
            out.entered.await(); // the writer holds "first" and is stuck in write
            for (int i = 0; i < 20; i++) {
                log.log(record("r" + i, 200));
            }
            assertThat(log.dropped()).as("16 fit in the queue").isEqualTo(4);
            out.release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> out.lines.get() == 17);
        }
    }

    @Test
    void blockWaitsForRoomAndLosesNothing() throws Exception {
        GatedOutput out = new GatedOutput();
        try (AsyncAccessLog log = new AsyncAccessLog(AccessLogOutput.of(out), new JsonLineEncoder(List.of()),
                AccessLogFilter.ALL, 16, AsyncAccessLog.Overload.BLOCK)) {
            log.log(record("first", 200));
            out.entered.await();
            Thread producer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 40; i++) {
                    log.log(record("r" + i, 200));
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> producer.getState() == Thread.State.TIMED_WAITING);
            assertThat(producer.isAlive()).as("the caller waits while the queue is full").isTrue();
            out.release.countDown();
            producer.join(5000);
            await().atMost(Duration.ofSeconds(5)).until(() -> out.lines.get() == 41);
            assertThat(log.dropped()).isZero();
        }
    }

    @Test
    void filteredRecordsAreNotWritten() throws Exception {
        Path file = dir.resolve("access.log");
        try (AsyncAccessLog log = new AsyncAccessLog(AccessLogOutput.file(file), new JsonLineEncoder(List.of()),
                AccessLogFilter.of(List.of("500-599"), false, null), 64, AsyncAccessLog.Overload.DROP)) {
            assertThat(log.wants(200, 0, 0)).isFalse();
            assertThat(log.wants(502, 0, 0)).isTrue();
            log.log(record("ok", 200));
            log.log(record("bad", 502));
        }
        assertThat(Files.readAllLines(file)).singleElement().asString().contains("\"requestId\":\"bad\"");
    }

    @Test
    void reopenAfterARenameWritesToANewFileOfTheOldName() throws Exception {
        Path file = dir.resolve("access.log");
        Path rotated = dir.resolve("access.log.1");
        try (AsyncAccessLog log = new AsyncAccessLog(AccessLogOutput.file(file), List.of())) {
            log.log(record("before", 200));
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(file).contains("before"));
            Files.move(file, rotated);
            log.log(record("still-old", 200));
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(rotated).contains("still-old"));
            ReopenSignal.reopenAll(); // not registered: a log reopens on the signal only with reopenOnSignal()
            log.reopen();
            log.log(record("after", 200));
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file) && Files.readString(file).contains("after"));
        }
        assertThat(Files.readString(rotated)).contains("before", "still-old").doesNotContain("after");
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void copytruncateLeavesNoHoleBecauseTheFileIsAppendedTo() throws Exception {
        Path file = dir.resolve("access.log");
        try (AsyncAccessLog log = new AsyncAccessLog(AccessLogOutput.file(file), List.of())) {
            for (int i = 0; i < 50; i++) {
                log.log(record("before-" + i, 200));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readAllLines(file).size() == 50);
            Files.copy(file, dir.resolve("access.log.1"));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(0); // what copytruncate does
            }
            log.log(record("after", 200));
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.size(file) > 0);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0]).as("no zeros where the old lines were").isEqualTo((byte) '{');
        assertThat(new String(bytes, StandardCharsets.UTF_8).lines()).singleElement().asString().contains("after");
    }

    @Test
    void aFileThatCannotBeReopenedKeepsTheOldOne() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("logs"));
        Path file = sub.resolve("access.log");
        try (AsyncAccessLog log = new AsyncAccessLog(AccessLogOutput.file(file), List.of())) {
            Files.move(file, dir.resolve("access.log.1"));
            Files.delete(sub); // the name cannot be created again
            log.reopen();
            log.log(record("kept", 200));
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(dir.resolve("access.log.1")).contains("kept"));
        }
    }
}
