package io.modelgate.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.gateway.testsupport.FreePorts;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway jar started on a port something else holds, as a user would meet it: it must exit (a process
 * left running with no listener would never be restarted by systemd or Swarm), non-zero, with one line that
 * names the entry point, the address and the system's reason, and no stack trace.
 */
class ListenFailureIT {

    @TempDir
    Path dir;

    @Test
    void anEntryPointWhosePortIsTakenStopsTheGatewayWithOneLine() throws Exception {
        int port = FreePorts.next();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", port));
            Path jar = Path.of("target/modelgate-gateway.jar").toAbsolutePath();
            Path log = dir.resolve("gateway.log");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-jar", jar.toString(),
                    "--modelgate.entrypoints.web.port=" + port, "--modelgate.admin.port=" + FreePorts.next(),
                    "--modelgate.providers.docker.enabled=false", "--modelgate.demo.enabled=false")
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = p.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            List<String> lines = Files.readAllLines(log);
            assertThat(exited).as("the gateway exited; its log:\n%s", String.join("\n", lines)).isTrue();
            assertThat(p.exitValue()).isNotZero();
            assertThat(lines).contains("the web entry point cannot listen on 0.0.0.0:" + port + ": address already in use");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Stop what listens there")
                    .contains("modelgate.entrypoints.web.port"));
            assertThat(lines).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by:"));
        }
    }
}
