package io.modelgate.gateway.proxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.HttpConversionUtil;

/**
 * Makes what an h2c stream reads look like what an HTTP/1.1 connection reads, so the exchange handles both
 * alike: an informational response gets its (empty) end, and Netty's {@code x-http2-stream-id}, which means
 * nothing past this hop, is removed. A response whose HEADERS ended the stream (a gRPC "trailers-only" error)
 * stays one full message, so that an HTTP/2 client gets it as one HEADERS frame ending the stream too: gRPC
 * clients read the status of such a response only there. Trailers arrive as the last content's trailing headers.
 */
final class H2cResponseAdapter extends ChannelInboundHandlerAdapter {

    private static final CharSequence STREAM_ID = HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpResponse head) {
            head.headers().remove(STREAM_ID);
            ctx.fireChannelRead(head);
            if (head.status().code() < 200 && !(head instanceof FullHttpResponse)) {
                ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
