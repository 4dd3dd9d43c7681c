package io.modelgate.gateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real server on loopback that reads each request whole (head and {@code Content-Length} body), then resets
 * the connection (RST): a model container crashing mid-request, before any response byte or, with
 * {@link #afterResponseBegan}, after the head and a part of the body. Records what arrived.
 */
public final class ResettingBackend implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final boolean afterHead;

    public ResettingBackend() throws IOException {
        this(false);
    }

    private ResettingBackend(boolean afterHead) throws IOException {
        this.afterHead = afterHead;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> readThenReset(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void readThenReset(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            String head = head(in);
            if (head == null) {
                return;
            }
            long length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                }
            }
            in.readNBytes((int) length);
            requests.add(head.substring(0, head.indexOf(' ')) + " body=" + length);
            if (afterHead) {
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
            }
            s.setSoLinger(true, 0); // close now sends RST
        } catch (IOException e) {
            // the gateway went first: nothing to record
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            b.append((char) c);
            if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
                return b.toString();
            }
        }
        return null;
    }

    /** One that answers {@code 200} with {@code Content-Length: 100}, sends 7 bytes of it, then resets. */
    public static ResettingBackend afterResponseBegan() throws IOException {
        return new ResettingBackend(true);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** What arrived, one entry per request: {@code "POST body=11"}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
