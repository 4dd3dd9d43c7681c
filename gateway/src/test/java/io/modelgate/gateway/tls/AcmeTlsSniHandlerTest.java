package io.modelgate.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.TestCertificates;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which context a real ClientHello (the JDK's TLS client, with SNI and ALPN) gets: the validation certificate only
 * when it offers {@code acme-tls/1} alone for a name with a validation waiting; the served one otherwise.
 */
class AcmeTlsSniHandlerTest {

    @TempDir
    static Path dir;
    static SslContext served;
    static SslContext validation;

    @BeforeAll
    static void contexts() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        TestCertificates.Leaf a = certs.leaf("a", "served", "a.example");
        TestCertificates.Leaf v = certs.leaf("v", "validation", "a.example");
        served = SslContextBuilder.forServer(a.cert().toFile(), a.key().toFile()).build();
        validation = SslContextBuilder.forServer(v.cert().toFile(), v.key().toFile()).build();
    }

    /** The first TLS record a JDK client sends: its ClientHello. */
    static ByteBuf clientHello(String host, String... alpn) throws Exception {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(host)));
        p.setApplicationProtocols(alpn);
        engine.setSSLParameters(p);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        return Unpooled.wrappedBuffer(out);
    }

    static SslContext chosen(ByteBuf hello) {
        AcmeTlsSniHandler handler = new AcmeTlsSniHandler(host -> served,
                Map.of("a.example", validation)::get);
        EmbeddedChannel ch = new EmbeddedChannel(handler);
        ch.writeInbound(hello);
        ch.runPendingTasks();
        assertThat(ch.pipeline().get(SslHandler.class)).as("the handshake goes on").isNotNull();
        SslContext c = handler.sslContext();
        ch.finishAndReleaseAll();
        return c;
    }

    @Test
    void theCasValidationHandshakeGetsTheValidationCertificate() throws Exception {
        assertThat(chosen(clientHello("a.example", "acme-tls/1"))).isSameAs(validation);
    }

    @Test
    void everyOtherHandshakeGetsTheServedCertificate() throws Exception {
        assertThat(chosen(clientHello("a.example", "h2", "http/1.1"))).as("ordinary ALPN").isSameAs(served);
        assertThat(chosen(clientHello("a.example", "acme-tls/1", "http/1.1"))).as("acme-tls/1 not alone").isSameAs(served);
        assertThat(chosen(clientHello("a.example"))).as("no ALPN").isSameAs(served);
        assertThat(chosen(clientHello("b.example", "acme-tls/1"))).as("no validation waits for the name").isSameAs(served);
    }

    @Test
    void readsTheAlpnListInTheClientsOrderWithoutMovingTheReader() throws Exception {
        ByteBuf record = clientHello("a.example", "h2", "http/1.1");
        ByteBuf hello = record.slice(5 + 4, record.readableBytes() - 9); // the record and handshake headers
        assertThat(AcmeTlsSniHandler.alpnProtocols(hello)).containsExactly("h2", "http/1.1");
        assertThat(hello.readerIndex()).isZero();
        assertThat(AcmeTlsSniHandler.alpnProtocols(Unpooled.wrappedBuffer(new byte[40]))).as("malformed").isEmpty();
        record.release();
    }
}
