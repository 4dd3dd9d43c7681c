package io.modelgate.gateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on loopback that misbehaves in one set way on every connection, for the gateway's upstream fault
 * tests: it reads the request head, then does what its {@link Fault} says. It counts the requests it read.
 */
public final class FaultyUpstream implements AutoCloseable {

    /** How the server answers (or does not). */
    public enum Fault {
        /** Accepts and reads the request, then never answers and never closes. */
        SILENT,
        /** Resets the connection (RST) after reading the request, before any response byte. */
        RESET_BEFORE_HEAD,
        /** Sends a head promising 100,000 bytes, 1,000 of them, then resets. */
        RESET_MID_BODY,
        /** Sends a chunked head and two chunks, then resets (no last chunk). */
        RESET_MID_CHUNKED_BODY,
        /** Both Content-Length and chunked, and a second, smuggled response behind the chunked body. */
        CONTENT_LENGTH_AND_CHUNKED,
        /** A chunked body whose first chunk size is not hexadecimal. */
        BAD_CHUNK_SIZE,
        /** A chunk longer than its declared size, the extra bytes shaped as a response. */
        CHUNK_OVERRUN
    }

    /** Marks the bytes a smuggled response would carry: the client must never see them. */
    public static final String SMUGGLED = "X-Smuggled: yes";

    private final Fault fault;
    private final ServerSocket server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public FaultyUpstream(Fault fault) throws IOException {
        this.fault = fault;
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("faulty-upstream-" + fault).start(this::accept);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int requests() {
        return requests.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            readHead(s.getInputStream());
            requests.incrementAndGet();
            var out = s.getOutputStream();
            switch (fault) {
                case SILENT -> s.getInputStream().read(); // until the gateway gives up and closes
                case RESET_BEFORE_HEAD -> reset(s);
                case RESET_MID_BODY -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(1000)));
                    out.flush();
                    reset(s);
                }
                case RESET_MID_CHUNKED_BODY -> {
                    out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n"));
                    out.flush();
                    reset(s);
                }
                case CONTENT_LENGTH_AND_CHUNKED -> out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggledResponse()));
                case BAD_CHUNK_SIZE -> out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "zz\r\nhello\r\n0\r\n\r\n"));
                case CHUNK_OVERRUN -> out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2\r\nhi" + smuggledResponse() + "\r\n0\r\n\r\n"));
            }
            out.flush();
            s.getInputStream().read(); // keep the connection until the gateway closes it
        } catch (IOException ignored) {
            // the gateway closed the connection: expected after every fault
        } finally {
            open.remove(s);
        }
    }

    private static String smuggledResponse() {
        return "HTTP/1.1 200 OK\r\nContent-Length: 8\r\n" + SMUGGLED + "\r\n\r\nsmuggled";
    }

    private static void reset(Socket s) throws IOException {
        s.setSoLinger(true, 0); // close with RST instead of FIN
        s.close();
    }

    private static void readHead(InputStream in) throws IOException {
        int last4 = 0;
        int c;
        while ((c = in.read()) != -1) {
            last4 = (last4 << 8) | c;
            if (last4 == 0x0d0a0d0a) { // CRLF CRLF
                return;
            }
        }
        throw new IOException("closed before a request head");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
