package io.modelgate.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;

/**
 * The client connections of an entry point, so that a stop can drain them: each one is told to finish what it
 * is doing ({@link ClientConnection#closeWhenDone}: idle ones close at once, busy ones answer with
 * {@code Connection: close} and close after the response), and the stop waits for them up to the grace
 * period. Closed channels leave the group by themselves.
 */
final class OpenConnections {

    /** The user event a connection receives when the entry point drains. */
    static final Object DRAIN = new Object() {
        @Override
        public String toString() {
            return "DRAIN";
        }
    };

    private final ChannelGroup channels = new DefaultChannelGroup("client-connections", GlobalEventExecutor.INSTANCE);

    void add(Channel ch) {
        channels.add(ch);
    }

    int size() {
        return channels.size();
    }

    /**
     * Tells every open connection to drain and waits until all have closed or {@code grace} has passed; the ones
     * still open then are closed.
     *
     * @return how many connections had to be cut at the end of the grace period
     */
    int drain(Duration grace) throws InterruptedException {
        for (Channel ch : channels) {
            ch.eventLoop().execute(() -> ch.pipeline().fireUserEventTriggered(DRAIN));
        }
        if (channels.newCloseFuture().await(grace.toMillis())) {
            return 0;
        }
        int cut = channels.size();
        channels.close().await(5_000);
        return cut;
    }
}
