package io.modelgate.gateway.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Redis image for tests on a machine with no registry (so no {@code redis:7-alpine}): the host's own
 * {@code redis-server} and {@code redis-cli} (Debian's {@code redis-server} package, which {@code .ci/run}
 * installs) with the shared libraries {@code ldd} names, in an image {@code FROM scratch}. Like the official
 * image, both programs are on the {@code PATH}, so a compose file's {@code command:} and healthcheck work
 * unchanged on either.
 */
final class RedisImage {

    private static final Pattern LIBRARY = Pattern.compile("(/\\S+)");

    private RedisImage() {
    }

    /** Builds it (labeled with the lab's run, so {@link DockerLab#close()} removes it) and returns its tag. */
    static String build(DockerLab lab) throws IOException, InterruptedException {
        Path ctx = Files.createTempDirectory("redis-image");
        Path root = ctx.resolve("rootfs");
        TreeSet<String> libraries = new TreeSet<>();
        for (String program : List.of("redis-server", "redis-cli")) {
            Path binary = Path.of("/usr/bin", program).toRealPath();
            // by its own name: redis-server is a link to redis-check-rdb on Debian, and redis picks its role by argv[0]
            copy(binary, root.resolve("usr/local/bin").resolve(program));
            libraries.addAll(ldd(binary));
        }
        for (String library : libraries) {
            copy(Path.of(library).toRealPath(), root.resolve(library.substring(1)));
        }
        Files.writeString(ctx.resolve("Dockerfile"), """
                FROM scratch
                COPY rootfs/ /
                ENV PATH=/usr/local/bin
                CMD ["redis-server"]
                """);
        return lab.buildImage(ctx, "redis");
    }

    private static List<String> ldd(Path binary) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ldd " + binary + " failed: " + out);
        }
        List<String> paths = new ArrayList<>();
        for (String line : out.lines().toList()) {
            Matcher m = LIBRARY.matcher(line);
            if (m.find()) {
                paths.add(m.group(1));
            }
        }
        return paths;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }
}
