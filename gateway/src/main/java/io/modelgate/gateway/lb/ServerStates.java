package io.modelgate.gateway.lb;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ServerState} of every server of every service, kept across configuration reloads: a reload
 * builds new pools over the same states, so a server that is down or ejected stays so. A state is dropped
 * when its service no longer has the server.
 */
public final class ServerStates {

    private final Map<String, ServerState> states = new ConcurrentHashMap<>();

    /** The state of {@code server} in {@code service}, created up. */
    public ServerState of(String service, UpstreamServer server) {
        return states.computeIfAbsent(key(service, server), k -> new ServerState());
    }

    /** Forgets every state whose key (see {@link #key}) is not in {@code live}. */
    public void retain(Set<String> live) {
        states.keySet().retainAll(live);
    }

    /** The key of a server's state: the service and the server's URL. */
    public static String key(String service, UpstreamServer server) {
        return service + " " + server.url();
    }
}
