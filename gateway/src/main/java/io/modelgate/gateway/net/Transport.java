package io.modelgate.gateway.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The socket transport: epoll where the native library loads (Linux), NIO elsewhere.
 *
 * @param name           {@code epoll} or {@code nio}, for the start-up log
 * @param ioHandler      event loop I/O handler factory
 * @param serverChannel  server socket channel class
 * @param socketChannel  client socket channel class
 * @param datagramChannel datagram channel class (DNS)
 */
public record Transport(String name, IoHandlerFactory ioHandler, Class<? extends ServerChannel> serverChannel,
                        Class<? extends SocketChannel> socketChannel, Class<? extends DatagramChannel> datagramChannel) {

    public static Transport detect() {
        if (Epoll.isAvailable()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class,
                    EpollSocketChannel.class, EpollDatagramChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class,
                NioSocketChannel.class, NioDatagramChannel.class);
    }

    /**
     * An asynchronous DNS resolver for clients on these event loops. Names are re-resolved at least every 5 s,
     * whatever the record's TTL: a replaced container or task with a new address (Swarm DNS round robin,
     * Docker's 600 s TTLs) is reached within seconds. Only new connections resolve; pooled ones are reused.
     */
    public io.netty.resolver.dns.DnsAddressResolverGroup newResolver() {
        return new io.netty.resolver.dns.DnsAddressResolverGroup(new io.netty.resolver.dns.DnsNameResolverBuilder()
                .datagramChannelType(datagramChannel)
                .ttl(0, 5)
                .negativeTtl(1));
    }

    public EventLoopGroup newGroup(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, ioHandler);
    }
}
