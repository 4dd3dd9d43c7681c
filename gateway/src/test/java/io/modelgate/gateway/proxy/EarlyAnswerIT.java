package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.GatewayInstance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model server that answers an upload before reading it (a 501 for a method it does not take, a 413 of its
 * own) and closes at once, as simple servers do: the unread body makes its kernel reset the connection, often
 * while the gateway is still writing the body. The client must get the server's answer, not a 502 made of the
 * gateway's failed write.
 */
class EarlyAnswerIT {

    private static final int UPLOADS = 20;
    private static final int BODY = 4 * 1024 * 1024;

    @TempDir
    Path dir;

    /** Reads each request's head, answers 501 and closes without reading the body. */
    private static void answerEarly(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                }
                s.getOutputStream().write(("HTTP/1.1 501 Not Implemented\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: 16\r\nConnection: close\r\n\r\nnot implemented\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the next connection
            }
        }
    }

    /** The status line the client got for a 4 MiB upload, its body written while the answer is read. */
    private static String upload(int port, ExecutorService writers) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /predict HTTP/1.1\r\nHost: gw.test\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + BODY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            writers.submit(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int sent = 0; sent < BODY; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    // the gateway stopped reading once it answered: expected
                }
            });
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0 && b != '\n'; ) {
                line.write(b);
            }
            return line.toString(StandardCharsets.US_ASCII).trim();
        }
    }

    @Test
    void anUploadAnsweredBeforeItWasReadGetsTheServersAnswer() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            threads.submit(() -> answerEarly(server));
            String routes = """
                    http:
                      routers: { model: { rule: "PathPrefix(`/`)", service: model } }
                      services: { model: { loadBalancer: { servers: [ { url: "http://127.0.0.1:%d" } ] } } }
                    """.formatted(server.getLocalPort());
            try (GatewayInstance gw = new GatewayInstance(dir, routes)) {
                Map<String, Integer> seen = new TreeMap<>();
                for (int i = 0; i < UPLOADS; i++) {
                    seen.merge(upload(gw.port(), threads), 1, Integer::sum);
                }
                assertThat(seen).containsExactlyEntriesOf(Map.of("HTTP/1.1 501 Not Implemented", UPLOADS));
            } finally {
                server.close();
            }
        }
    }
}
