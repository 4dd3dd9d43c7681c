package io.modelgate.gateway.proxy;

import io.modelgate.gateway.proxy.upstream.UpstreamHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.modelgate.gateway.proxy.codec.ClientCodec;
import io.netty.util.ReferenceCountUtil;
import java.util.Queue;

/**
 * After a {@code 101} (WebSocket and other upgrades) both connections carry raw bytes: the HTTP handlers leave
 * both pipelines and one relay on each side writes what it reads to the other, pausing reading while the other
 * side cannot keep up. Either side closing closes both.
 */
final class TunnelRelay extends ChannelInboundHandlerAdapter {

    private final Channel peer;

    private TunnelRelay(Channel peer) {
        this.peer = peer;
    }

    /**
     * Turns the client connection {@code client} and its upstream {@code up} into a tunnel; bytes the client
     * sent after the upgrade request and that wait in {@code queued} go first.
     */
    static void connect(Channel client, UpstreamHandler up, Queue<Object> queued) {
        Channel server = up.channel();
        up.switchToRaw(new TunnelRelay(client));
        Object m;
        while ((m = queued.poll()) != null) {
            if (m instanceof ByteBuf) {
                server.write(m);
            } else {
                ReferenceCountUtil.release(m); // the upgrade request's (empty) end
            }
        }
        server.flush();
        client.pipeline().replace(ClientConnection.class, "tunnel", new TunnelRelay(server));
        client.pipeline().remove(ClientCodec.class); // bytes it still holds go on to the relay
        client.config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf) {
            peer.write(msg);
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        peer.flush();
    }

    /** This side drained: the peer may read again. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        peer.config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    /** Idle and timeout events mean nothing to a tunnel: a WebSocket may be quiet for a long time. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        peer.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
