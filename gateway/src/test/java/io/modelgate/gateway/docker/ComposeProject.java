package io.modelgate.gateway.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One compose project, driven through the real CLI: Debian's {@code docker-compose} (1.29) by default, or
 * the command in {@code MODELGATE_IT_COMPOSE} (e.g. {@code "docker compose"} for Compose v2). The project name
 * goes in as {@code COMPOSE_PROJECT_NAME}, the way compose/README.md tells operators to set it.
 */
final class ComposeProject {

    private final List<String> command;
    private final Path file;
    private final Map<String, String> env;

    ComposeProject(Path file, String project, Map<String, String> settings) {
        String configured = System.getenv("MODELGATE_IT_COMPOSE");
        this.command = List.of((configured == null || configured.isBlank() ? "docker-compose" : configured).strip().split("\\s+"));
        this.file = file.toAbsolutePath().normalize();
        this.env = new HashMap<>(settings);
        this.env.put("COMPOSE_PROJECT_NAME", project);
    }

    /** The compose CLI's version line; fails with a hint when the CLI is not installed. */
    String version() throws IOException, InterruptedException {
        try {
            return run(30, "version").lines().findFirst().orElse("");
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " is not installed (apt-get install docker-compose;"
                    + " .ci/run does it), or set MODELGATE_IT_COMPOSE", e);
        }
    }

    /** Runs {@code <compose> -f <file> args…} and returns its stdout; a non-zero exit throws with stdout and stderr. */
    String run(long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(command);
        if (!args[0].equals("version")) {
            full.addAll(List.of("-f", file.toString()));
        }
        full.addAll(List.of(args));
        Path out = Files.createTempFile("compose-out", ".txt");
        Path err = Files.createTempFile("compose-err", ".txt");
        try {
            ProcessBuilder pb = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " took over " + timeoutSeconds + " s; stderr: "
                        + tail(Files.readString(err)));
            }
            String stdout = Files.readString(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " exited " + p.exitValue() + "\nstdout: "
                        + tail(stdout) + "\nstderr: " + tail(Files.readString(err)));
            }
            return stdout;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "…" + text.substring(text.length() - 4000);
    }
}
