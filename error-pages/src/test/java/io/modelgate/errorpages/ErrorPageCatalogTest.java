package io.modelgate.errorpages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorPageCatalogTest {

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 408, 413, 414, 429, 431, 500, 502, 503, 504})
    void everyStatusTheGatewayUsesHasItsOwnWording(int status) {
        assertThat(ErrorPageCatalog.specificStatuses()).contains(status);
        ErrorPage page = ErrorPageCatalog.page(status);
        assertThat(page.status()).isEqualTo(status);
        assertThat(page.title()).isNotBlank();
        assertThat(page.explanation()).isNotBlank().doesNotContain("\n");
        assertThat(page.explanation()).isNotEqualTo(ErrorPageCatalog.page(499).explanation())
                .isNotEqualTo(ErrorPageCatalog.page(599).explanation());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            413 | Request body too large | The body of your request is larger than this endpoint accepts.
            503 | Service unavailable    | The model service is not available right now, for example while it starts or is updated; please try again shortly.
            """)
    void wordingAsInTheIssue(int status, String title, String explanation) {
        assertThat(ErrorPageCatalog.page(status)).isEqualTo(new ErrorPage(status, title, explanation));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            402 | Payment Required           | The request could not be handled as it was sent.
            418 | I'm a teapot               | The request could not be handled as it was sent.
            499 | Client error               | The request could not be handled as it was sent.
            501 | Not Implemented            | The server could not complete your request; please try again later.
            599 | Server error               | The server could not complete your request; please try again later.
            """)
    void otherStatusesGetTheReasonPhraseAndAGenericLine(int status, String title, String explanation) {
        assertThat(ErrorPageCatalog.find(Integer.toString(status)))
                .contains(new ErrorPage(status, title, explanation));
    }

    @ParameterizedTest
    @ValueSource(strings = {"399", "600", "200", "302", "000", "abc", "", "4o4", "0404", "+404", " 404", "404 ",
            "-404", "4041", "40", "４０４", "99999999999", "404.html", "../404"})
    void onlyThreeDigitsIn400To599AreStatuses(String raw) {
        assertThat(ErrorPageCatalog.find(raw)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 200, 399, 600})
    void aPageIsOnlyForErrorStatuses(int status) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ErrorPage(status, "t", "e"));
    }
}
