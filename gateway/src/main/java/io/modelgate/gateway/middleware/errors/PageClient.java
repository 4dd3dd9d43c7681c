package io.modelgate.gateway.middleware.errors;

import io.modelgate.gateway.runtime.UpstreamServer;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Fetches one page from an error service, on the given event loop; never blocks. */
@FunctionalInterface
public interface PageClient {

    /**
     * GETs {@code pathAndQuery} from {@code server} with exactly {@code headers} (plus {@code Host}).
     * Completes exceptionally when the server is unreachable, too slow, or the page too large.
     */
    CompletableFuture<Fetched> get(EventLoop loop, UpstreamServer server, String pathAndQuery, Map<String, String> headers);

    /** What the error service answered. */
    record Fetched(int status, String contentType, byte[] body) {
    }
}
