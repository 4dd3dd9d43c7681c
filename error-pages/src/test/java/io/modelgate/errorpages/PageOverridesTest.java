package io.modelgate.errorpages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageOverridesTest {

    @TempDir
    Path dir;

    private static final ErrorPage P503 = ErrorPageCatalog.page(503);

    @Test
    void aFileNamedByStatusAndFormatWins() throws IOException {
        Files.writeString(dir.resolve("503.html"), "<p>maintenance</p>");
        Files.writeString(dir.resolve("503.json"), "{\"maintenance\":true}");
        PageOverrides overrides = new PageOverrides(dir);

        assertThat(overrides.find(P503, PageFormat.HTML)).map(String::new).contains("<p>maintenance</p>");
        assertThat(overrides.find(P503, PageFormat.JSON)).map(String::new).contains("{\"maintenance\":true}");
        assertThat(overrides.find(ErrorPageCatalog.page(502), PageFormat.HTML)).isEmpty();
    }

    @Test
    void editsShowUpOnTheNextLookup() throws IOException {
        PageOverrides overrides = new PageOverrides(dir);
        assertThat(overrides.find(P503, PageFormat.HTML)).isEmpty();
        Files.writeString(dir.resolve("503.html"), "one");
        assertThat(overrides.find(P503, PageFormat.HTML)).map(String::new).contains("one");
        Files.writeString(dir.resolve("503.html"), "two");
        assertThat(overrides.find(P503, PageFormat.HTML)).map(String::new).contains("two");
        Files.delete(dir.resolve("503.html"));
        assertThat(overrides.find(P503, PageFormat.HTML)).isEmpty();
    }

    @Test
    void noDirectoryMeansNoOverrides() {
        assertThat(new PageOverrides(null).find(P503, PageFormat.HTML)).isEmpty();
        assertThat(new PageOverrides(dir.resolve("missing")).find(P503, PageFormat.HTML)).isEmpty();
    }

    @Test
    void directoriesAndOversizedFilesAreIgnored() throws IOException {
        Files.createDirectory(dir.resolve("503.html"));
        Files.write(dir.resolve("503.json"), new byte[(int) PageOverrides.MAX_BYTES + 1]);
        PageOverrides overrides = new PageOverrides(dir);
        assertThat(overrides.find(P503, PageFormat.HTML)).isEmpty();
        assertThat(overrides.find(P503, PageFormat.JSON)).isEmpty();
    }

    @Test
    void bytesAreServedAsWritten() throws IOException {
        byte[] utf8 = "<p>Wartung – bitte später</p>".getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("503.html"), utf8);
        assertThat(new PageOverrides(dir).find(P503, PageFormat.HTML)).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8));
    }
}
