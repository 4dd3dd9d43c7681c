package io.modelgate.discovery.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileConfigSourceTest {

    @TempDir
    Path dir;
    final List<ProviderSnapshot> pushed = new CopyOnWriteArrayList<>();
    FileConfigSource source;

    static String routes(String... routers) {
        StringBuilder y = new StringBuilder("http:\n  routers:\n");
        for (String r : routers) {
            y.append("    ").append(r).append(": { rule: \"PathPrefix(`/").append(r).append("`)\", service: s }\n");
        }
        return y.append("  services:\n    s: { loadBalancer: { servers: [ { url: \"http://10.0.0.1:80\" } ] } }\n").toString();
    }

    FileConfigSource start(Path path, boolean watch) {
        source = new FileConfigSource(path, watch, Duration.ofMillis(50));
        source.start(pushed::add);
        return source;
    }

    ProviderSnapshot last() {
        return pushed.getLast();
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
    }

    @Test
    void loadsAtStart() throws IOException {
        Path f = Files.writeString(dir.resolve("routes.yml"), routes("a", "b"));
        start(f, false);
        assertThat(pushed).hasSize(1);
        assertThat(last().provider()).isEqualTo("file");
        assertThat(last().config().routers()).containsOnlyKeys("a", "b");
        assertThat(last().problems()).isEmpty();
    }

    @Test
    void anEditIsLiveWithinTwoSeconds() throws IOException {
        Path f = Files.writeString(dir.resolve("routes.yml"), routes("a"));
        start(f, true);
        Files.writeString(f, routes("a", "c"));
        await().atMost(Duration.ofSeconds(2)).until(() -> last().config().routers().containsKey("c"));
    }

    @Test
    void aRenameOverTheFileIsSeen() throws IOException {
        Path f = Files.writeString(dir.resolve("routes.yml"), routes("a"));
        start(f, true);
        Path tmp = Files.writeString(dir.resolve(".routes.yml.swp"), routes("renamed"));
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(2)).until(() -> last().config().routers().containsKey("renamed"));
        assertThat(last().config().routers()).containsOnlyKeys("renamed");
    }

    @Test
    void aBrokenEditKeepsTheLastGoodConfigurationAndSaysWhere() throws IOException {
        Path f = Files.writeString(dir.resolve("routes.yml"), routes("a"));
        start(f, true);
        Files.writeString(f, "http:\n  routers:\n    a: { rule: \"x\"\n");
        await().atMost(Duration.ofSeconds(2)).until(() -> !last().problems().isEmpty());
        assertThat(last().config().routers()).containsOnlyKeys("a");
        Problem p = last().problems().getFirst();
        assertThat(p.origin()).startsWith("routes.yml:");
        assertThat(p.message()).contains("not valid YAML").contains("keeping the last good configuration");

        Files.writeString(f, routes("fixed"));
        await().atMost(Duration.ofSeconds(2)).until(() -> last().config().routers().containsKey("fixed"));
        assertThat(last().problems()).isEmpty();
    }

    @Test
    void brokenAtStartGivesAnEmptyConfigurationAndTheProblem() throws IOException {
        Path f = Files.writeString(dir.resolve("routes.yml"), "http: [unclosed\n");
        start(f, false);
        assertThat(last().config().routers()).isEmpty();
        assertThat(last().problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("not valid YAML"));
    }

    @Test
    void aVanishedFileKeepsItsConfiguration() throws IOException {
        Path f = Files.writeString(dir.resolve("routes.yml"), routes("a"));
        start(f, true);
        Files.delete(f);
        await().atMost(Duration.ofSeconds(2)).until(() -> !last().problems().isEmpty());
        assertThat(last().config().routers()).containsOnlyKeys("a");
        assertThat(last().problems().getFirst().message()).contains("file not found");
    }

    @Test
    void directoryModeMergesFilesAndDropsDuplicates() throws IOException {
        Files.writeString(dir.resolve("one.yml"), "http:\n  routers:\n    a: { rule: \"Path(`/a`)\", service: s }\n"
                + "    dup: { rule: \"Path(`/d1`)\", service: s }\n");
        Files.writeString(dir.resolve("two.yaml"), "http:\n  routers:\n    b: { rule: \"Path(`/b`)\", service: s }\n"
                + "    dup: { rule: \"Path(`/d2`)\", service: s }\n");
        Files.writeString(dir.resolve("notes.txt"), "not configuration");
        start(dir, true);
        assertThat(last().config().routers()).containsOnlyKeys("a", "b");
        assertThat(last().problems()).singleElement().satisfies(p -> {
            assertThat(p.element()).isEqualTo("router dup@file");
            assertThat(p.message()).contains("one.yml:4").contains("two.yaml:4");
        });
        Files.delete(dir.resolve("two.yaml"));
        await().atMost(Duration.ofSeconds(2)).until(() -> last().config().routers().keySet().equals(java.util.Set.of("a", "dup")));
    }

    @Test
    void unchangedContentIsNotPushedAgainAndCloseStopsPushes() throws Exception {
        Path f = Files.writeString(dir.resolve("routes.yml"), routes("a"));
        start(f, true);
        Files.writeString(f, routes("a"));
        Files.writeString(f, routes("a", "b"));
        await().atMost(Duration.ofSeconds(2)).until(() -> last().config().routers().containsKey("b"));
        assertThat(pushed).hasSize(2);
        source.close();
        Files.writeString(f, routes("after-close"));
        source.reload(pushed::add);
        assertThat(pushed).hasSize(2);
    }

    @Test
    void otherFilesInTheDirectoryDoNotCauseReloads() throws Exception {
        Path f = Files.writeString(dir.resolve("routes.yml"), routes("a"));
        start(f, true);
        Path log = dir.resolve("access.log");
        for (int i = 0; i < 20; i++) {
            Files.writeString(log, "line " + i + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        Files.writeString(f, routes("a", "b")); // a relevant change after the noise, so we know the noise was seen
        await().atMost(Duration.ofSeconds(2)).until(() -> last().config().routers().containsKey("b"));
        assertThat(pushed).hasSize(2);
        assertThat(source.reloads()).as("the start, then one read for the routes change").isEqualTo(2);
    }
}
