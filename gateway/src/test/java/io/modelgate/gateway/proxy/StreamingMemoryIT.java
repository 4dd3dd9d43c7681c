package io.modelgate.gateway.proxy;

import io.modelgate.gateway.testsupport.FreePorts;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.JarProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies stream, they are never held whole: the packaged gateway runs with a 64 MiB heap and 64 MiB of direct
 * memory (and exits on OutOfMemoryError) while 256 MiB bodies go through it, both ways, with and without
 * Content-Length, and arrive intact (SHA-256 compared). Buffering any one of them would kill it.
 */
class StreamingMemoryIT {

    private static final long SIZE = 256L * 1024 * 1024;
    private static final int CHUNK = 64 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private com.sun.net.httpserver.HttpServer backend;
    private JarProcess gateway;
    private int webPort;

    /** A backend that hashes uploads as they stream in and streams generated downloads out (the JDK's server). */
    @BeforeEach
    void start() throws Exception {
        backend = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 16);
        backend.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        backend.createContext("/upload", ex -> {
            MessageDigest sha = sha256();
            long bytes = 0;
            try (InputStream in = ex.getRequestBody()) {
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                    bytes += n;
                }
            }
            byte[] answer = (bytes + " " + HexFormat.of().formatHex(sha.digest())).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, answer.length);
            try (var out = ex.getResponseBody()) {
                out.write(answer);
            }
        });
        backend.createContext("/download", ex -> {
            ex.getRequestBody().close();
            ex.sendResponseHeaders(200, SIZE);
            try (var out = ex.getResponseBody()) {
                for (int i = 0; i < SIZE / CHUNK; i++) {
                    out.write(chunk(i));
                }
            }
        });
        backend.start();
        Path routes = dir.resolve("routes.yml");
        Files.writeString(routes, """
                http:
                  routers: { r: { rule: "PathPrefix(`/`)", service: s } }
                  services: { s: { loadBalancer: { servers: [ { url: "http://127.0.0.1:%d" } ] } } }
                """.formatted(backend.getAddress().getPort()));
        webPort = FreePorts.next();
        gateway = new JarProcess("gateway/target/modelgate-gateway.jar", dir, "modelgate.admin.port",
                List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m"),
                List.of("--modelgate.providers.file.path=" + routes, "--modelgate.entrypoints.web.address=127.0.0.1",
                        "--modelgate.entrypoints.web.port=" + webPort, "--modelgate.access-log.enabled=false"), Map.of());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        backend.stop(0);
        ((java.util.concurrent.ExecutorService) backend.getExecutor()).shutdownNow();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Chunk {@code i} of the generated body: deterministic, different per chunk. */
    static byte[] chunk(int i) {
        byte[] b = new byte[CHUNK];
        for (int j = 0; j < CHUNK; j++) {
            b[j] = (byte) (i * 31 + j * 7);
        }
        return b;
    }

    static String expectedSha() {
        MessageDigest sha = sha256();
        for (int i = 0; i < SIZE / CHUNK; i++) {
            sha.update(chunk(i));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The generated body as a stream, produced as it is read. */
    static InputStream generated() {
        return new InputStream() {
            private int index;
            private byte[] current = new byte[0];
            private int pos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == current.length) {
                    if (index == SIZE / CHUNK) {
                        return -1;
                    }
                    current = chunk(index++);
                    pos = 0;
                }
                int n = Math.min(len, current.length - pos);
                System.arraycopy(current, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Test
    void uploadsWithAndWithoutContentLengthAndADownloadStreamThroughASmallHeap() throws Exception {
        String expected = expectedSha();
        URI upload = URI.create("http://127.0.0.1:" + webPort + "/upload");

        HttpResponse<String> sized = HTTP.send(HttpRequest.newBuilder(upload)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(StreamingMemoryIT::generated), SIZE))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sized.statusCode()).as("gateway log:\n%s", gateway.log()).isEqualTo(200);
        assertThat(sized.body()).isEqualTo(SIZE + " " + expected);

        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(upload)
                .POST(HttpRequest.BodyPublishers.ofInputStream(StreamingMemoryIT::generated)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).isEqualTo(SIZE + " " + expected);

        HttpResponse<InputStream> download = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + webPort + "/download")).build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha = sha256();
        long bytes = 0;
        try (InputStream in = download.body()) {
            byte[] buf = new byte[CHUNK];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                bytes += n;
            }
        }
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(bytes).isEqualTo(SIZE);
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(expected);
        assertThat(gateway.isAlive()).as("still running with a 64 MiB heap; log:\n%s", gateway.log()).isTrue();
    }
}
