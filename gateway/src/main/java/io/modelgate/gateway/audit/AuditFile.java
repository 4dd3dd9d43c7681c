package io.modelgate.gateway.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * The audit file on disk: appended to, never rewritten. Knows what was there before (the last line, to continue
 * the chain after a restart), moves itself aside for rotation, and notices when something else moved it
 * (logrotate without {@code copytruncate}). Used by the writer thread only.
 */
final class AuditFile implements AutoCloseable {

    /** Rotated files are named {@code <file>.<UTC time>}: they sort in the order they were written. */
    private static final DateTimeFormatter ROTATED = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path path;
    private FileChannel channel;
    private Object fileKey;
    private long size;

    AuditFile(Path path) throws IOException {
        this.path = path.toAbsolutePath();
        Path dir = this.path.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        open();
    }

    Path path() {
        return path;
    }

    /**
     * What the file ends with, read once before the first write.
     *
     * @param lastLine the last complete line, or null if the file is empty
     * @param torn     bytes after it that do not end in a newline (a write cut short by a crash), 0 if none
     */
    record Tail(String lastLine, int torn) {
    }

    /** Reads backwards from the end for the last complete line; a torn remainder is ended with a newline. */
    Tail tail() throws IOException {
        if (size == 0) {
            return new Tail(null, 0);
        }
        ByteArrayOutputStream reversed = new ByteArrayOutputStream();
        int torn = 0;
        boolean inLine = false;
        try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            for (long pos = size - 1; pos >= 0; pos--) {
                one.clear();
                reader.read(one, pos);
                byte b = one.get(0);
                if (b == '\n' && inLine) {
                    break;
                } else if (b == '\n') {
                    inLine = true;
                } else if (inLine) {
                    reversed.write(b);
                } else {
                    torn++;
                }
            }
        }
        if (torn > 0) {
            append("\n".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] bytes = reversed.toByteArray();
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte t = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = t;
        }
        return new Tail(bytes.length > 0 ? new String(bytes, StandardCharsets.UTF_8) : null, torn);
    }

    void append(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            size += channel.write(buffer);
        }
    }

    /**
     * Takes back a write that failed part-way, so the next line does not begin inside a broken one. Only ever
     * cuts this writer's own unfinished bytes; best effort (the disk may be what failed).
     */
    void truncateBack(long to) {
        try {
            if (channel.size() > to) {
                channel.truncate(to);
            }
            size = channel.size();
        } catch (IOException e) {
            size = to;
        }
    }

    long size() {
        return size;
    }

    /** Data on the disk, not just in the page cache: after checkpoints, so a power cut loses at most the tail. */
    void sync() throws IOException {
        channel.force(false);
    }

    /** Moves the file aside ({@code <file>.<UTC time>}) and starts an empty one; returns where it went. */
    Path rotate(Instant now) throws IOException {
        sync();
        channel.close();
        Path target = path.resolveSibling(path.getFileName() + "." + ROTATED.format(now));
        for (int i = 1; Files.exists(target); i++) {
            target = path.resolveSibling(path.getFileName() + "." + ROTATED.format(now) + "-" + i);
        }
        Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
        open();
        return target;
    }

    /** True if the path no longer names the file being written (moved or deleted by someone else). */
    boolean movedAway() throws IOException {
        try {
            return !Objects.equals(fileKey, Files.readAttributes(path, BasicFileAttributes.class).fileKey());
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** Closes the file that was moved away and opens (creates) the path again. */
    void reopen() throws IOException {
        channel.close();
        open();
    }

    private void open() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
        fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            sync();
            channel.close();
        }
    }
}
