package io.modelgate.gateway.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/** A real redis-server (Debian's package) on a free loopback port, owned by the test and stopped by PID. */
public final class RedisServer implements AutoCloseable {

    private final Process process;
    private final int port;

    public RedisServer() throws IOException {
        port = FreePorts.next();
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return true;
            }
        });
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
