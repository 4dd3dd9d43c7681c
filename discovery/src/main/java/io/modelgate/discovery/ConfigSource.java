package io.modelgate.discovery;

import java.util.function.Consumer;

/**
 * A provider: watches one source of configuration and pushes whole snapshots. It never talks to the
 * request path, and nothing after it knows what the source was.
 */
public interface ConfigSource extends AutoCloseable {

    /** The provider name, used to qualify element names ({@code name@provider}). */
    String name();

    /**
     * Starts watching and pushes the first snapshot as soon as it has one, then one per change. Calls to
     * {@code sink} come from one thread at a time.
     */
    void start(Consumer<ProviderSnapshot> sink);

    /** Stops watching; no snapshot is pushed after it returns. */
    @Override
    void close();
}
