package io.modelgate.gateway.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;

/**
 * An HTTP/2 client connection: each stream is a child channel whose frames are turned into HTTP/1-style
 * objects and handled by its own {@link ClientConnection}. The request path is the same as for HTTP/1.1
 * (routing, middlewares, limits, access log); a stream carries exactly one request, so the one-request-at-a-time
 * order of {@code ClientConnection} holds per stream, and streams run side by side. Flow control is end to end:
 * a stream's channel stops reading (no WINDOW_UPDATE) while its upstream connection cannot take more, and
 * stops being writable while the client's window is closed. Upstream connections are HTTP/1.1, or h2c for
 * {@code h2c://} servers.
 */
final class Http2Connection {

    private Http2Connection() {
    }

    static void configure(ChannelPipeline p, ProxyContext px, Entrypoint entrypoint, long graceMillis) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(entrypoint.http2Streams())
                .maxHeaderListSize(entrypoint.settings().maxHeaderBytes());
        p.addLast(Http2FrameCodecBuilder.forServer().initialSettings(settings)
                .gracefulShutdownTimeoutMillis(graceMillis).build());
        p.addLast(new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new ClientConnection(px, true));
            }
        }));
        p.addLast(new Drain());
    }

    /**
     * The entry point drains: closing the connection makes Netty's HTTP/2 handler send GOAWAY, refuse new
     * streams and close once the open streams are done (or the grace period has passed).
     */
    private static final class Drain extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == OpenConnections.DRAIN) {
                ctx.channel().close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
