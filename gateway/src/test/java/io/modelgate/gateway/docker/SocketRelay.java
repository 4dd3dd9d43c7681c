package io.modelgate.gateway.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code tcp://127.0.0.1:port} → the Docker socket, so a test can take "the Docker socket" away from the
 * gateway and give it back without touching the real engine.
 */
final class SocketRelay implements AutoCloseable {

    private final Path socket;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private ServerSocketChannel server;
    private int port;

    SocketRelay(Path socket) {
        this.socket = socket;
    }

    /** Starts listening (on the previous port if there was one). */
    synchronized SocketRelay start() throws IOException {
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", port));
        port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        ServerSocketChannel s = server;
        Thread.ofVirtual().start(() -> accept(s));
        return this;
    }

    int port() {
        return port;
    }

    private void accept(ServerSocketChannel s) {
        while (s.isOpen()) {
            try {
                SocketChannel client = s.accept();
                SocketChannel docker = SocketChannel.open(StandardProtocolFamily.UNIX);
                docker.connect(UnixDomainSocketAddress.of(socket));
                open.add(client);
                open.add(docker);
                Thread.ofVirtual().start(() -> pump(client, docker));
                Thread.ofVirtual().start(() -> pump(docker, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                buf.clear();
            }
        } catch (IOException ignored) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Stops listening and cuts every relayed connection, like a daemon going away. */
    synchronized void stop() {
        closeQuietly(server);
        open.forEach(SocketRelay::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        stop();
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
