package io.modelgate.errorpages;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageFormatTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            null                                                                  | HTML
            ''                                                                    | HTML
            application/json                                                      | JSON
            APPLICATION/JSON                                                      | JSON
            application/problem+json                                              | JSON
            application/vnd.modelgate.error+json; charset=utf-8                   | JSON
            text/html                                                             | HTML
            */*                                                                   | HTML
            text/plain                                                            | HTML
            application/xml                                                       | HTML
            text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8      | HTML
            application/json, */*;q=0.1                                           | JSON
            text/html, application/json;q=0.9                                     | HTML
            application/json, text/html;q=0.9                                     | JSON
            text/html;q=0.5, application/json                                     | JSON
            application/json;q=0.5, */*                                           | HTML
            application/json, text/html                                           | JSON
            text/html, application/json                                           | HTML
            application/json;q=0.5, text/html;q=0.9, application/problem+json;q=0.9 | HTML
            application/json;q=0                                                  | HTML
            application/json;q=0, text/html                                       | HTML
            application/json;q=abc                                                | HTML
            application/json;q=2                                                  | HTML
            ;;;,,,                                                                | HTML
            """)
    void acceptNegotiation(String accept, PageFormat expected) {
        assertThat(PageFormat.fromAccept(accept)).isEqualTo(expected);
    }
}
