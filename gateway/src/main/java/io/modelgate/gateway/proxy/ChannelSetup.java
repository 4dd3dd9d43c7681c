package io.modelgate.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.modelgate.gateway.proxy.codec.ClientCodec;
import io.modelgate.gateway.tls.AcmeTlsSniHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline of a new client connection on one entry point: plain HTTP/1.1; or TLS (the certificate chosen by
 * SNI) followed by HTTP/1.1 or, when ALPN chose {@code h2}, HTTP/2 (see {@link Http2Connection}), or closed after
 * the handshake when ALPN chose {@code acme-tls/1} (an ACME CA validating a certificate order). Every
 * connection is registered for the drain.
 */
final class ChannelSetup extends ChannelInitializer<Channel> {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelSetup.class);

    private final Entrypoint entrypoint;
    private final ProxyContext px;
    private final OpenConnections connections;
    private final HttpDecoderConfig decoder;
    private final long graceMillis;

    ChannelSetup(Entrypoint entrypoint, ProxyContext px, OpenConnections connections, long graceMillis) {
        this.entrypoint = entrypoint;
        this.px = px;
        this.connections = connections;
        this.graceMillis = graceMillis;
        EntrypointSettings s = entrypoint.settings();
        this.decoder = new HttpDecoderConfig()
                .setMaxInitialLineLength(s.maxInitialLine())
                .setMaxHeaderSize(s.maxHeaderBytes())
                .setMaxChunkSize(64 * 1024);
    }

    @Override
    protected void initChannel(Channel ch) {
        connections.add(ch);
        var open = px.meters().openConnections();
        open.incrementAndGet();
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        Entrypoint.Tls tls = entrypoint.tls();
        if (tls == null) {
            http1(ch.pipeline());
            return;
        }
        ch.pipeline().addLast(tls.store().handshakeHandler(tls.defaultOptions(), entrypoint.http2Streams() > 0));
        ch.pipeline().addLast(new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
            @Override
            protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                if (protocol.equals(AcmeTlsSniHandler.ACME_TLS_1)) {
                    ctx.close(); // an ACME CA's tls-alpn-01 validation: the handshake was all it wanted (RFC 8737 §3)
                } else if (protocol.equals(ApplicationProtocolNames.HTTP_2)) {
                    Http2Connection.configure(ctx.pipeline(), px, entrypoint, graceMillis);
                } else {
                    http1(ctx.pipeline());
                }
            }

            @Override
            protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                // scanners, plain HTTP on the TLS port, unknown names under sniStrict: nothing to answer
                LOG.debug("{} TLS handshake failed from {}: {}", entrypoint.name(), ctx.channel().remoteAddress(), cause.toString());
                ctx.close();
            }
        });
    }

    private void http1(ChannelPipeline p) {
        p.addLast(new ClientCodec(decoder));
        p.addLast(new ClientConnection(px, false));
    }
}
