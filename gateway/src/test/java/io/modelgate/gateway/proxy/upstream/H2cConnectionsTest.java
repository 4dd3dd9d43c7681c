package io.modelgate.gateway.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.gateway.lb.UpstreamServer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The h2c table keeps a server only while it has a connection: a server that refuses leaves no entry. */
class H2cConnectionsTest {

    private final EmbeddedChannel loopOwner = new EmbeddedChannel();
    private final List<Promise<H2cConnection>> dialed = new ArrayList<>();
    private H2cConnections connections;

    @Test
    void aConnectionThatFailsToConnectTakesItsServersEntryWithIt() {
        connections = new H2cConnections((loop, server) -> {
            Promise<H2cConnection> ready = loop.newPromise();
            dialed.add(ready);
            return new H2cConnection(connections, server.poolKey(), new ChannelInboundHandlerAdapter(), 60_000, ready);
        });
        UpstreamServer gone = UpstreamServer.of(ServerSpec.of("h2c://10.0.0.9:50051"));

        Future<UpstreamHandler> stream = connections.stream(loopOwner.eventLoop(), gone);
        assertThat(connections.servers()).as("connecting").isEqualTo(1);

        dialed.getFirst().setFailure(new ConnectException("refused"));
        assertThat(stream.cause()).as("the request fails as a failed connect").isInstanceOf(ConnectException.class);
        assertThat(connections.servers()).as("nothing is kept for the server").isZero();
    }
}
