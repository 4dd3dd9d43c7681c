package io.modelgate.gateway.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the project's other services (error-pages, auth-service) run for real from the jar its module
 * built, as its users run it: {@code java -jar}, on a free loopback port, ready once {@code /ping} answers.
 * The reactor builds those modules before the gateway, so their jars exist when the gateway's ITs run.
 */
public final class JarProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Process process;
    private final int port;
    private final Path log;

    /**
     * @param jar  the jar, relative to the repository root ({@code error-pages/target/modelgate-error-pages.jar})
     * @param args application arguments ({@code --server.port} is added)
     * @param env  extra environment variables
     */
    public JarProcess(String jar, List<String> args, Map<String, String> env, Path workDir) throws IOException {
        this(jar, workDir, "server.port", List.of(), args, env);
    }

    /**
     * @param portProperty the property naming the port that answers {@code /ping} (chosen here, free)
     * @param jvmArgs      JVM options, such as a small {@code -Xmx}
     */
    public JarProcess(String jar, Path workDir, String portProperty, List<String> jvmArgs, List<String> args,
                      Map<String, String> env) throws IOException {
        this(jar, workDir, portProperty, FreePorts.next(), jvmArgs, args, env);
    }

    /**
     * On a given port: a test that restarts a service after {@link #kill()} gives the new process the old one's
     * port, so that the gateway's configuration still points at it.
     */
    public JarProcess(String jar, Path workDir, String portProperty, int port, List<String> jvmArgs, List<String> args,
                      Map<String, String> env) throws IOException {
        Path path = Path.of("..").resolve(jar).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: build the whole project (mvn verify from the "
                    + "repository root), which packages that module before the gateway's integration tests");
        }
        this.port = port;
        this.log = workDir.resolve(path.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-XX:+ExitOnOutOfMemoryError"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", path.toString(), "--" + portProperty + "=" + port));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        this.process = pb.start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(this::ready);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException(jar + " did not become ready; its log:\n" + Files.readString(log), e);
        }
    }

    /** True while the process runs (a JVM that ran out of memory has exited). */
    public boolean isAlive() {
        return process.isAlive();
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("exited with " + process.exitValue());
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** The process id, to send it a signal. */
    public long pid() {
        return process.pid();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Sends SIGTERM and returns at once (the process drains and exits on its own; see {@link #awaitExit}). */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL, as a crash or the OOM killer ends a process (no shutdown hook, no drain), and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Waits for the process to exit; its exit code, or -1 if it was still running after {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
