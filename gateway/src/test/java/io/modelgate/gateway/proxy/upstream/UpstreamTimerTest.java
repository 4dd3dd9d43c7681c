package io.modelgate.gateway.proxy.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The response timeout of a bound upstream connection and the idle timeout of a pooled one, on a frozen clock. */
class UpstreamTimerTest {

    private final AtomicInteger timeouts = new AtomicInteger();
    private final UpstreamListener listener = new UpstreamListener() {
        public Channel clientChannel() { return null; }
        public void onResponseHead(UpstreamHandler up, HttpResponse head) { }
        public void onResponseContent(UpstreamHandler up, HttpContent content) { }
        public void onUpstreamFailed(UpstreamHandler up, String error) { }
        public void onResponseTimeout(UpstreamHandler up) { timeouts.incrementAndGet(); }
        public void onUpstreamWritabilityChanged() { }
    };

    private static EmbeddedChannel channel(UpstreamHandler handler) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(handler);
        return ch;
    }

    private static void pass(EmbeddedChannel ch, long seconds) {
        ch.advanceTimeBy(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void aBoundConnectionSilentForTheResponseTimeoutTimesOut() {
        UpstreamHandler up = new UpstreamHandler(null, "k", 60_000, 90_000);
        EmbeddedChannel ch = channel(up);
        up.bind(listener);
        pass(ch, 59);
        assertThat(timeouts).hasValue(0);
        pass(ch, 1);
        assertThat(timeouts).hasValue(1);
    }

    @Test
    void withResponseTimeoutZeroABoundConnectionWaitsAsLongAsItTakesAndIdlesOutOncePooled() {
        UpstreamPool pool = new UpstreamPool(4);
        UpstreamHandler up = new UpstreamHandler(pool, "k", 0, 90_000);
        EmbeddedChannel ch = channel(up);
        up.bind(listener);
        for (int i = 0; i < 20; i++) {
            pass(ch, 60); // twenty minutes of a model thinking
        }
        assertThat(timeouts).hasValue(0);
        assertThat(ch.isOpen()).isTrue();

        up.release(true);
        pass(ch, 89);
        assertThat(ch.isOpen()).as("idle in the pool").isTrue();
        pass(ch, 91); // the check runs on the pool idle period, so within two of them
        assertThat(ch.isOpen()).as("closed after the pool idle timeout").isFalse();
        assertThat(timeouts).hasValue(0);
    }
}
