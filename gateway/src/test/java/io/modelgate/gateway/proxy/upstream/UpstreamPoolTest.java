package io.modelgate.gateway.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.gateway.lb.UpstreamServer;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/**
 * The idle pool keeps an entry per server only while it holds a connection to it: a replica that was scaled away
 * leaves nothing behind once its idle connections have closed.
 */
class UpstreamPoolTest {

    private final UpstreamPool pool = new UpstreamPool(4);
    private final UpstreamServer a = UpstreamServer.of(ServerSpec.of("http://10.0.0.1:8000"));
    private final UpstreamServer b = UpstreamServer.of(ServerSpec.of("http://10.0.0.2:8000"));

    private UpstreamHandler pooled(UpstreamServer server) {
        UpstreamHandler h = new UpstreamHandler(pool, server.poolKey(), 60_000, 60_000);
        new EmbeddedChannel(h);
        h.release(true);
        return h;
    }

    @Test
    void aServerWhoseLastIdleConnectionClosedHasNoEntry() {
        UpstreamHandler a1 = pooled(a);
        UpstreamHandler a2 = pooled(a);
        UpstreamHandler b1 = pooled(b);
        assertThat(pool.servers()).isEqualTo(2);

        a1.channel().close(); // the replica went away: its connections close while idle
        assertThat(pool.servers()).as("one connection to it is left").isEqualTo(2);
        a2.channel().close();
        assertThat(pool.servers()).isEqualTo(1);
        b1.channel().close();
        assertThat(pool.servers()).isZero();
    }

    @Test
    void takingTheLastConnectionKeepsTheEntryForItsReturn() {
        UpstreamHandler a1 = pooled(a);
        assertThat(pool.servers()).isEqualTo(1);
        UpstreamHandler taken = pool.poll(a);
        assertThat(taken).isSameAs(a1);
        assertThat(pool.servers()).as("no churn of entries per request").isEqualTo(1);
        taken.release(true);
        assertThat(pool.poll(a)).isSameAs(a1);
        assertThat(pool.poll(b)).isNull();
    }
}
