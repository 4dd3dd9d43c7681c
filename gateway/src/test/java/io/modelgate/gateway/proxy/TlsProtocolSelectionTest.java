package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a failed handshake does to the connection: closed, and nothing reaches the pipeline's tail. */
class TlsProtocolSelectionTest {

    private final List<String> configured = new ArrayList<>();

    private EmbeddedChannel channel() {
        return new EmbeddedChannel(new TlsProtocolSelection("websecure", configured::add));
    }

    @Test
    void aClientGoneMidHandshakeClosesQuietly() {
        EmbeddedChannel ch = channel();
        ch.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));

        assertThat(ch.isOpen()).isFalse();
        ch.checkException(); // throws if the exception went on to the tail
        assertThat(configured).isEmpty();
    }

    @Test
    void noCertificateToServeClosesWithoutPassingTheExceptionOn() {
        EmbeddedChannel ch = channel();
        ch.pipeline().fireExceptionCaught(new DecoderException("failed to get the SslContext for a.test",
                new IllegalStateException("no TLS certificate is configured")));

        assertThat(ch.isOpen()).isFalse();
        ch.checkException();
    }

    @Test
    void aStrictSniRefusalClosesWithoutPassingTheExceptionOn() {
        EmbeddedChannel ch = channel();
        ch.pipeline().fireExceptionCaught(new DecoderException("failed to get the SslContext for x.test",
                new IllegalArgumentException("no certificate for 'x.test' and sniStrict is set")));

        assertThat(ch.isOpen()).isFalse();
        ch.checkException();
    }

    @Test
    void anythingElseGoesOnAsNettyWouldHandleIt() {
        EmbeddedChannel ch = channel();
        ch.pipeline().fireExceptionCaught(new IllegalStateException("a bug"));

        assertThat(ch.isOpen()).isFalse();
        assertThatThrownBy(ch::checkException).hasMessage("a bug");
    }
}
