package io.modelgate.gateway.accesslog;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the writer thread puts lines: standard output, nothing, or a file opened for appending. A file can be
 * reopened by name ({@link #reopen}, what {@code SIGUSR1} asks for): after logrotate renamed it, lines go to a
 * new file of the old name. The file is opened with {@code O_APPEND}, so logrotate's {@code copytruncate} is safe
 * too: after the truncation writes land at the new end, not at the old offset (no hole of zeros). Only the writer
 * thread writes and reopens; {@link #reopen} just asks.
 */
public final class AccessLogOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccessLogOutput.class);

    private final Path file;
    private final boolean closeAtEnd;
    private OutputStream out;
    private volatile boolean reopenAsked;

    private AccessLogOutput(Path file, OutputStream out, boolean closeAtEnd) {
        this.file = file;
        this.out = out;
        this.closeAtEnd = closeAtEnd;
    }

    /** The process's standard output (never closed, never reopened). */
    public static AccessLogOutput stdout() {
        return new AccessLogOutput(null, new FileOutputStream(java.io.FileDescriptor.out), false);
    }

    /** Nowhere: the access log is off. */
    public static AccessLogOutput discard() {
        return new AccessLogOutput(null, OutputStream.nullOutputStream(), false);
    }

    /** {@code file}, appended to (created if missing). */
    public static AccessLogOutput file(Path file) throws IOException {
        return new AccessLogOutput(file, new FileOutputStream(file.toFile(), true), true);
    }

    /** A stream the test owns. */
    static AccessLogOutput of(OutputStream out) {
        return new AccessLogOutput(null, out, false);
    }

    /** The file, or null for standard output and nowhere. */
    public Path path() {
        return file;
    }

    /** Asks the writer to close the file and open it again by name before its next write (any thread). */
    public void reopen() {
        if (file != null) {
            reopenAsked = true;
        }
    }

    /** On the writer thread: reopens if asked. If the new file cannot be opened, keeps writing to the old one. */
    void reopenIfAsked() {
        if (!reopenAsked) {
            return;
        }
        reopenAsked = false;
        try {
            OutputStream fresh = new FileOutputStream(file.toFile(), true);
            OutputStream old = out;
            out = fresh;
            old.close();
            LOG.info("access log reopened: {}", file);
        } catch (IOException e) {
            LOG.warn("access log: reopening {} failed, still writing to the file opened before: {}", file, e.toString());
        }
    }

    void write(ByteArrayOutputStream lines) throws IOException {
        lines.writeTo(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closeAtEnd) {
            out.close();
        } else {
            out.flush();
        }
    }
}
