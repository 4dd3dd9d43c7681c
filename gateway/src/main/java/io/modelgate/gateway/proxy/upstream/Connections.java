package io.modelgate.gateway.proxy.upstream;

import io.modelgate.gateway.lb.UpstreamServer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;

/** Where the forwarder gets upstream connections: an idle pooled one, or a new one. */
public interface Connections {

    /** An idle, open connection to {@code server} on the calling event loop, or {@code null}. */
    UpstreamHandler pooled(UpstreamServer server);

    /** A new connection to {@code server} on {@code loop} (for h2c: a new stream, on a connection with room). */
    Future<UpstreamHandler> connect(EventLoop loop, UpstreamServer server);
}
