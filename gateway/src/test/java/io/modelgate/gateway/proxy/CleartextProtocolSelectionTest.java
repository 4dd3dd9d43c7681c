package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decision at a plain entry point's first bytes, as they arrive in pieces. */
class CleartextProtocolSelectionTest {

    private final List<Boolean> decisions = new ArrayList<>();
    private final EmbeddedChannel ch = new EmbeddedChannel(new CleartextProtocolSelection(decisions::add, 60_000));

    private void send(String bytes) {
        ch.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
    }

    @Test
    void thePrefaceInPiecesIsHttp2AndItsBytesGoOn() {
        send("PRI * HTTP/2");
        assertThat(decisions).as("not yet decided").isEmpty();
        send(".0\r\n\r\nSM\r\n\r\n\u0000\u0000");
        assertThat(decisions).containsExactly(true);
        assertThat(ch.pipeline().get(CleartextProtocolSelection.class)).isNull();
        ByteBuf passed = ch.readInbound();
        assertThat(passed.toString(StandardCharsets.ISO_8859_1)).isEqualTo("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\u0000\u0000");
        passed.release();
    }

    @Test
    void anHttp1RequestIsDecidedAtItsFirstByte() {
        send("G");
        assertThat(decisions).containsExactly(false);
        ByteBuf passed = ch.readInbound();
        assertThat(passed.toString(StandardCharsets.ISO_8859_1)).isEqualTo("G");
        passed.release();
    }

    @Test
    void aRequestLineThatOnlyStartsLikeThePrefaceIsHttp1() {
        send("PRI * HTTP/1.1\r\n");
        assertThat(decisions).containsExactly(false);
        ((ByteBuf) ch.readInbound()).release();
    }

    @Test
    void aSilentClientIsClosedAfterTheIdleTimeout() {
        EmbeddedChannel quiet = new EmbeddedChannel();
        quiet.freezeTime();
        quiet.pipeline().addLast(new CleartextProtocolSelection(decisions::add, 50));
        quiet.advanceTimeBy(49, java.util.concurrent.TimeUnit.MILLISECONDS);
        quiet.runScheduledPendingTasks();
        assertThat(quiet.isOpen()).isTrue();
        quiet.advanceTimeBy(1, java.util.concurrent.TimeUnit.MILLISECONDS);
        quiet.runScheduledPendingTasks();
        assertThat(quiet.isOpen()).isFalse();
        assertThat(decisions).isEmpty();
    }
}
