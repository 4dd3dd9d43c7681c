package io.modelgate.gateway.proxy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the auth-service replicas of {@link AuthServicePlansIT}: Debian's server binaries
 * ({@code apt-get install postgresql}), a fresh cluster by {@code initdb} in a temporary directory, the server
 * on a free loopback port, ready when {@code pg_isready} says so (the gateway's tests have no JDBC driver),
 * stopped and removed afterwards. As root it runs as the {@code postgres} user (PostgreSQL refuses root).
 * The auth-service's own tests have the same helper (its {@code PostgresServer}).
 */
final class LocalPostgres implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process server;

    LocalPostgres() throws IOException, InterruptedException {
        Path bin = binaries();
        this.dir = Files.createTempDirectory("modelgate-pg");
        Path data = dir.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), "chown");
        }
        run(as(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust",
                "--no-sync", "-E", "UTF8")), "initdb");
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        this.server = new ProcessBuilder(as(root, List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            Process ready = new ProcessBuilder(bin.resolve("pg_isready").toString(), "-h", "127.0.0.1", "-p",
                    Integer.toString(port), "-U", "postgres").redirectErrorStream(true).start();
            ready.getInputStream().readAllBytes();
            if (ready.waitFor(10, TimeUnit.SECONDS) && ready.exitValue() == 0) {
                break;
            }
            if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("PostgreSQL did not start: " + Files.readString(dir.resolve("server.log")));
            }
            Thread.sleep(100); // polling a server process coming up, not a test timing
        }
    }

    /** The auth-service settings that point it at this server's {@code postgres} database. */
    List<String> authServiceArgs() {
        return List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder()).orElseThrow();
        } catch (IOException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql: "
                    + "apt-get install postgresql (.ci/run does)", e);
        }
    }

    private static List<String> as(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        out.addAll(command);
        return out;
    }

    private static void run(List<String> command, String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(what + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.destroy(); // SIGTERM: a smart shutdown
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
