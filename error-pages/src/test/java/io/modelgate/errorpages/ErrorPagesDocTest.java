package io.modelgate.errorpages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/error-pages.md lists exactly the statuses with their own text, with the wording of the code. */
class ErrorPagesDocTest {

    @Test
    void statusTableMatchesTheCatalog() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../docs/error-pages.md")).stream()
                .filter(l -> l.matches("\\| [45]\\d\\d \\|.*")).toList();
        List<String> expected = ErrorPageCatalog.specificStatuses().stream().sorted()
                .map(ErrorPageCatalog::page)
                .map(p -> "| " + p.status() + " | " + p.title() + " | " + p.explanation() + " |").toList();
        assertThat(rows).containsExactlyElementsOf(expected);
    }
}
