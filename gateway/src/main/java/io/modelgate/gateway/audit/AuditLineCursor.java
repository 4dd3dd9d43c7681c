package io.modelgate.gateway.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The lines of several files, in the order given, as one sequence that can be looked ahead in (to tell a
 * removed line from a reordered one). Each file is opened when reached and closed when done, so a long trail
 * is read in one pass with little memory.
 */
final class AuditLineCursor implements AutoCloseable {

    /** One file: a name for messages and a way to read its lines. */
    record Source(String name, Supplier<Stream<String>> lines) {
    }

    /** A line and where it is. {@code firstOfFile}: the first line of a file other than the first file. */
    record Entry(String file, long number, String text, boolean firstOfFile) {
        String where() {
            return file + ":" + number;
        }
    }

    private final Iterator<Source> sources;
    private final Deque<Entry> ahead = new ArrayDeque<>();
    private Stream<String> open;
    private Iterator<String> lines;
    private String file;
    private long number;
    private boolean firstFile = true;

    AuditLineCursor(List<Source> sources) {
        this.sources = sources.iterator();
    }

    /** The next line, or null at the end of the last file. */
    Entry next() {
        return ahead.isEmpty() ? read() : ahead.pollFirst();
    }

    /** The line {@code n} places after the last one returned (0: the next), or null past the end. */
    Entry peek(int n) {
        while (ahead.size() <= n) {
            Entry e = read();
            if (e == null) {
                return null;
            }
            ahead.addLast(e);
        }
        return ahead.stream().skip(n).findFirst().orElseThrow();
    }

    private Entry read() {
        while (lines == null || !lines.hasNext()) {
            closeOpen();
            if (!sources.hasNext()) {
                return null;
            }
            Source s = sources.next();
            if (file != null) {
                firstFile = false;
            }
            file = s.name();
            number = 0;
            open = s.lines().get();
            lines = open.iterator();
        }
        number++;
        return new Entry(file, number, lines.next(), number == 1 && !firstFile);
    }

    private void closeOpen() {
        if (open != null) {
            open.close();
            open = null;
            lines = null;
        }
    }

    @Override
    public void close() {
        closeOpen();
    }
}
