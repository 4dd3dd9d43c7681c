package io.modelgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The operator's way in stays whole: every page under {@code docs/} is listed in {@code docs/README.md}, and
 * the relative links of the index pages and the staging READMEs point at files that exist.
 */
class DocsIndexTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** {@code [text](target)} with a relative target; the anchor is dropped. */
    static final Pattern LINK = Pattern.compile("\\]\\(((?!https?:|mailto:|#)[^)#\\s]+)(#[^)]*)?\\)");

    @Test
    void everyDocsPageIsInTheIndex() throws IOException {
        List<String> linked = links(ROOT.resolve("docs/README.md")).stream()
                .map(target -> ROOT.relativize(ROOT.resolve("docs").resolve(target).normalize()).toString()).toList();
        try (Stream<Path> pages = Files.walk(ROOT.resolve("docs"))) {
            List<String> all = pages.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
                    .map(p -> ROOT.relativize(p).toString()).toList();
            assertThat(all).isNotEmpty();
            assertThat(linked).containsAll(all);
        }
    }

    @Test
    void relativeLinksPointAtFilesThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (String page : List.of("README.md", "docs/README.md", "docs/production.md", "compose/README.md",
                "examples/ride-duration/README.md")) {
            Path file = ROOT.resolve(page);
            for (String target : links(file)) {
                if (!Files.exists(file.getParent().resolve(target).normalize())) {
                    broken.add(page + " → " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    static List<String> links(Path markdown) throws IOException {
        List<String> targets = new ArrayList<>();
        Matcher m = LINK.matcher(Files.readString(markdown));
        while (m.find()) {
            targets.add(m.group(1));
        }
        return targets;
    }
}
