package io.modelgate.errorpages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PageRendererTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ErrorPage NASTY = new ErrorPage(418, "<script>alert(\"x\")</script> & 'co'",
            "Line with \\ backslash, \"quotes\", <b>tags</b>, a tab\t, a\nnewline and \u0001 and é");

    static Stream<ErrorPage> pages() {
        return Stream.concat(IntStream.rangeClosed(400, 599).mapToObj(ErrorPageCatalog::page), Stream.of(NASTY));
    }

    @ParameterizedTest
    @MethodSource("pages")
    void htmlIsSelfContained(ErrorPage page) {
        String html = PageRenderer.html(page).toLowerCase(java.util.Locale.ROOT);
        assertThat(html).startsWith("<!doctype html>")
                .doesNotContain("http://", "https://", "src=", "<link", "<script", "url(", "@import", "//cdn");
    }

    @ParameterizedTest
    @MethodSource("pages")
    void jsonIsValidAndCarriesTheTexts(ErrorPage page) {
        JsonNode node = JSON.readTree(PageRenderer.json(page));
        assertThat(node.propertyNames()).containsExactly("status", "error", "message");
        assertThat(node.get("status").isInt()).isTrue();
        assertThat(node.get("status").asInt()).isEqualTo(page.status());
        assertThat(node.get("error").asString()).isEqualTo(page.title());
        assertThat(node.get("message").asString()).isEqualTo(page.explanation());
    }

    @Test
    void htmlShowsStatusTitleExplanationAndBrand() {
        String html = PageRenderer.html(ErrorPageCatalog.page(413));
        assertThat(html).contains("<p class=\"status\">413</p>", "<h1>Request body too large</h1>",
                "<p>The body of your request is larger than this endpoint accepts.</p>", "modelgate",
                "<title>413 Request body too large · modelgate</title>");
    }

    @Test
    void htmlEscapesEveryInsertedText() {
        String html = PageRenderer.html(NASTY);
        assertThat(html).doesNotContain("<script", "<b>", "'co'", "\"x\"")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;",
                        "&lt;b&gt;tags&lt;/b&gt;");
    }

    @Test
    void jsonHasTheGatewayShapeAndEscapesMarkup() {
        assertThat(PageRenderer.json(ErrorPageCatalog.page(413))).isEqualTo(
                "{\"status\":413,\"error\":\"Request body too large\","
                        + "\"message\":\"The body of your request is larger than this endpoint accepts.\"}\n");
        assertThat(PageRenderer.json(NASTY)).doesNotContain("<", ">");
    }

    @Test
    void renderPicksTheFormat() {
        ErrorPage page = ErrorPageCatalog.page(503);
        assertThat(PageRenderer.render(page, PageFormat.HTML)).isEqualTo(PageRenderer.html(page));
        assertThat(PageRenderer.render(page, PageFormat.JSON)).isEqualTo(PageRenderer.json(page));
    }
}
