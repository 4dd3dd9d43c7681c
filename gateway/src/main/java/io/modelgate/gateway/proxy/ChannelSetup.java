package io.modelgate.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.modelgate.gateway.proxy.codec.ClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;

/**
 * The pipeline of a new client connection on one entry point: plain HTTP/1.1, or cleartext HTTP/2 when the
 * client starts with its preface ({@link CleartextProtocolSelection}); or TLS (the certificate chosen by
 * SNI) followed by HTTP/1.1 or, when ALPN chose {@code h2}, HTTP/2 (see {@link Http2Connection}), or closed after
 * the handshake when ALPN chose {@code acme-tls/1} (an ACME CA validating a certificate order). Every
 * connection is registered for the drain.
 */
final class ChannelSetup extends ChannelInitializer<Channel> {

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
        if (tls == null && entrypoint.http2Streams() > 0) {
            ch.pipeline().addLast(new CleartextProtocolSelection(http2 -> {
                if (http2) {
                    Http2Connection.configure(ch.pipeline(), px, entrypoint, graceMillis);
                } else {
                    http1(ch.pipeline());
                }
            }, px.idleTimeoutMillis()));
            return;
        }
        if (tls == null) {
            http1(ch.pipeline());
            return;
        }
        ch.pipeline().addLast(tls.store().handshakeHandler(tls.defaultOptions(), entrypoint.http2Streams() > 0));
        ch.pipeline().addLast(new TlsProtocolSelection(entrypoint.name(), protocol -> {
            ChannelPipeline p = ch.pipeline();
            if (protocol.equals(ApplicationProtocolNames.HTTP_2)) {
                Http2Connection.configure(p, px, entrypoint, graceMillis);
            } else {
                http1(p);
            }
        }));
    }

    private void http1(ChannelPipeline p) {
        p.addLast(new ClientCodec(decoder));
        p.addLast(new ClientConnection(px, false));
    }
}
