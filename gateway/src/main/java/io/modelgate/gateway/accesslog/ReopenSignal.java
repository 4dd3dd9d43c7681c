package io.modelgate.gateway.accesslog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SIGUSR1} reopens the access log files, as Traefik does: logrotate's {@code postrotate} sends it after
 * renaming the file, and the next lines go to a new file of the old name. The JVM's handler is installed once
 * per process; every open access log registers here (several gateways in one JVM all reopen). Where the JVM
 * cannot take the signal (it is in use, or {@code -Xrs}), a warning says so and {@code copytruncate} remains.
 */
public final class ReopenSignal {

    private static final Logger LOG = LoggerFactory.getLogger(ReopenSignal.class);
    private static final List<Runnable> TARGETS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private ReopenSignal() {
    }

    static synchronized void register(Runnable reopen) {
        TARGETS.add(reopen);
        if (!installed) {
            installed = true;
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("USR1"), s -> reopenAll());
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                LOG.warn("SIGUSR1 cannot reopen the access log here ({}); rotate it with logrotate's copytruncate",
                        e.getMessage());
            }
        }
    }

    static void unregister(Runnable reopen) {
        TARGETS.remove(reopen);
    }

    /** What the signal does: every registered log reopens its file before its next write. */
    public static void reopenAll() {
        TARGETS.forEach(Runnable::run);
    }
}
