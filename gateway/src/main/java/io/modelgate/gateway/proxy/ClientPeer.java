package io.modelgate.gateway.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Predicate;

/**
 * Who is on the other end of a client connection, worked out once when it opens: its address, the address as
 * the access log and {@code X-Forwarded-For} write it, and whether its forwarded headers are believed.
 *
 * @param address the socket's remote address
 * @param ip      {@code address}'s IP as text
 * @param trusted true if it is one of the entry point's trusted proxies
 */
record ClientPeer(InetSocketAddress address, String ip, boolean trusted) {

    static ClientPeer of(InetSocketAddress address, Predicate<InetAddress> trustedProxies) {
        InetAddress ip = address.getAddress();
        return new ClientPeer(address, ip.getHostAddress(), trustedProxies.test(ip));
    }
}
