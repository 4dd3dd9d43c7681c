package io.modelgate.gateway.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/** A real redis-server (Debian's package) on a free loopback port, owned by the test and stopped by PID. */
public final class RedisServer implements AutoCloseable {

    private Process process;
    private final int port;

    public RedisServer() throws IOException {
        port = FreePorts.next();
        start();
    }

    /** Stops the server (by its PID) and waits until it is gone; {@link #start()} brings it back on the same port. */
    public void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    /** SIGKILL, as a crash or the OOM killer ends it (no clean shutdown of its connections), and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts the server on its port and waits until it accepts connections. */
    public void start() throws IOException {
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
