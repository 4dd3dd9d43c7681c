package io.modelgate.discovery.docker;

import java.io.Closeable;
import java.util.List;
import java.util.function.Consumer;

/** What the provider needs from a Docker engine; the only place docker-java is used is its implementation. */
interface DockerEngine extends AutoCloseable {

    /** The API version in use (negotiated with the daemon). */
    String apiVersion();

    /** Running containers, each inspected. */
    List<Workload> containers();

    /** Swarm services with their running tasks. */
    List<Workload> swarmServices();

    /**
     * Subscribes to the events that can change routing. {@code onEvent} gets each event;
     * {@code onError} is called once when the stream ends or fails (the caller reconnects).
     */
    Closeable events(boolean swarm, Consumer<Event> onEvent, Consumer<Throwable> onError);

    /**
     * One engine event.
     *
     * @param type   {@code container} or {@code service}
     * @param action {@code start}, {@code die}, {@code kill}, …
     * @param id     the object's id
     */
    record Event(String type, String action, String id) {
    }

    @Override
    void close();
}
