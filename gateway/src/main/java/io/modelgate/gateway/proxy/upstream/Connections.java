package io.modelgate.gateway.proxy.upstream;

import io.modelgate.gateway.lb.UpstreamServer;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

/** Where the forwarder gets upstream connections: an idle pooled one, or a new one. */
public interface Connections {

    /** An idle, open connection to {@code server} on the calling event loop, or {@code null}. */
    UpstreamHandler pooled(UpstreamServer server);

    /** Connects to {@code server} on {@code loop}; the future's channel carries an {@link UpstreamHandler}. */
    ChannelFuture connect(EventLoop loop, UpstreamServer server);
}
