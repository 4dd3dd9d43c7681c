package io.modelgate.gateway.proxy.upstream;

import io.netty.channel.ChannelHandler;
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
 * The handlers of an h2c connection and of each of its streams. A stream reads and writes the same HTTP/1-style
 * messages as an HTTP/1.1 upstream connection (Netty's frame-to-object codec), so the forwarder and the response
 * relay need not know which one they talk to.
 */
final class H2cPipeline {

    /** Server push is turned off in our SETTINGS; a server that pushes anyway gets the stream closed. */
    @ChannelHandler.Sharable
    private static final class RefusePushed extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.close();
        }
    }

    private static final ChannelHandler REFUSE_PUSHED = new RefusePushed();

    private H2cPipeline() {
    }

    /** The connection: HTTP/2 framing (the client preface is sent on connect), streams, then its own state. */
    static void connection(ChannelPipeline p, int maxHeaderBytes, H2cConnection connection) {
        Http2Settings settings = Http2Settings.defaultSettings().pushEnabled(false).maxHeaderListSize(maxHeaderBytes);
        p.addLast(Http2FrameCodecBuilder.forClient().initialSettings(settings).build());
        p.addLast(new Http2MultiplexHandler(REFUSE_PUSHED));
        p.addLast(connection);
    }

    /** What each stream of a connection to {@code poolKey} is set up with. */
    static ChannelHandler streams(String poolKey, long responseTimeoutMillis, long poolIdleMillis) {
        return new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), new H2cResponseAdapter(),
                        new UpstreamHandler(null, poolKey, responseTimeoutMillis, poolIdleMillis));
            }
        };
    }
}
