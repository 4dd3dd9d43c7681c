package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.FreePorts;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway jar started on a port something else holds, as a user would meet it: it must exit (a process
 * left running with no listener would never be restarted by systemd or Swarm), non-zero, with one line that
 * names what could not listen, the address and the system's reason, and no stack trace.
 */
class ListenFailureIT {

    @TempDir
    Path dir;

    /** Runs the jar with {@code args} while {@code taken} is held; its output once it exited (it must, in 60 s). */
    private List<String> startWhileTaken(String host, int taken, String... args) throws Exception {
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(host, taken));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-jar",
                    Path.of("target/modelgate-gateway.jar").toAbsolutePath().toString(),
                    "--modelgate.admin.port=" + FreePorts.next(), "--modelgate.providers.docker.enabled=false"));
            command.addAll(List.of(args));
            Path log = dir.resolve("gateway-" + taken + ".log");
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean exited = p.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            List<String> lines = Files.readAllLines(log);
            assertThat(exited).as("the gateway exited; its log:\n%s", String.join("\n", lines)).isTrue();
            assertThat(p.exitValue()).isNotZero();
            assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:"));
            return lines;
        }
    }

    @Test
    void anEntryPointWhosePortIsTakenStopsTheGatewayWithOneLine() throws Exception {
        int port = FreePorts.next();
        List<String> lines = startWhileTaken("0.0.0.0", port, "--modelgate.entrypoints.web.port=" + port,
                "--modelgate.demo.enabled=false");
        assertThat(lines).contains("the web entry point cannot listen on 0.0.0.0:" + port + ": address already in use");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Stop what listens there")
                .contains("modelgate.entrypoints.web.port"));
    }

    @Test
    void theDemoBackendsPortTakenStopsTheGatewayWithOneLine() throws Exception {
        int port = FreePorts.next();
        List<String> lines = startWhileTaken("127.0.0.1", port, "--modelgate.entrypoints.web.port=0",
                "--modelgate.demo.port=" + port);
        assertThat(lines).contains("the demo echo backend cannot listen on 127.0.0.1:" + port + ": address already in use");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("modelgate.demo.enabled=false"));
    }
}
