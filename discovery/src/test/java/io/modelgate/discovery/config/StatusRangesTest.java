package io.modelgate.discovery.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusRangesTest {

    static Stream<Arguments> membership() {
        return Stream.of(
                Arguments.of(List.of("500-599"), 500, true),
                Arguments.of(List.of("500-599"), 599, true),
                Arguments.of(List.of("500-599"), 499, false),
                Arguments.of(List.of("500-599"), 600, false),
                Arguments.of(List.of("404"), 404, true),
                Arguments.of(List.of("404"), 403, false),
                Arguments.of(List.of("404", "500-502"), 501, true),
                Arguments.of(List.of("404,500-502"), 502, true),
                Arguments.of(List.of(" 404 , 418 "), 418, true),
                Arguments.of(List.of("400-499"), 200, false),
                Arguments.of(List.of("503-503"), 503, true));
    }

    @ParameterizedTest
    @MethodSource("membership")
    void contains(List<String> items, int status, boolean expected) {
        assertThat(StatusRanges.parse(items).contains(status)).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(List.of("abc"), "'abc' is not a code"),
                Arguments.of(List.of("5xx"), "'5xx' is not a code"),
                Arguments.of(List.of("600"), "'600' is not a code"),
                Arguments.of(List.of("99-200"), "'99-200' is not a code"),
                Arguments.of(List.of("599-500"), "ends before it starts"),
                Arguments.of(List.of("500-"), "'500-' is not a code"),
                Arguments.of(List.of(""), "at least one code"),
                Arguments.of(List.of(), "at least one code"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesWithTheItemNamed(List<String> items, String message) {
        assertThatThrownBy(() -> StatusRanges.parse(items)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void equalSetsAreEqualWhateverTheSpelling() {
        assertThat(StatusRanges.parse(List.of("500-501"))).isEqualTo(StatusRanges.parse(List.of("500", "501")));
        assertThat(StatusRanges.parse(List.of("500-501")).toString()).isEqualTo("500-501");
    }
}
