package io.modelgate.errorpages;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator-supplied pages: {@code <dir>/{status}.html} or {@code <dir>/{status}.json} replaces the built-in
 * page. Read on every request (blocking; callers move it off the event loop), so edits show up at once. The
 * file name is built only from a validated status number and a fixed extension, never from request text.
 */
public final class PageOverrides {

    /** Larger files are ignored: an error page is small, and a huge one is more likely a mistake. */
    static final long MAX_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PageOverrides.class);

    private final @Nullable Path dir;

    /** @param dir the override directory, or null for none */
    public PageOverrides(@Nullable Path dir) {
        this.dir = dir;
    }

    /** The override's bytes, or empty when there is no directory, no such file, or it cannot be used. */
    public Optional<byte[]> find(ErrorPage page, PageFormat format) {
        if (dir == null) {
            return Optional.empty();
        }
        Path file = dir.resolve(page.status() + "." + format.extension());
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                log.warn("error page override {} ignored: {} bytes, the limit is {}", file, size, MAX_BYTES);
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            // fail soft: the built-in page is always there
            log.warn("error page override {} ignored: {}", file, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "PageOverrides[dir=" + (dir == null ? "none" : dir) + "]";
    }
}
