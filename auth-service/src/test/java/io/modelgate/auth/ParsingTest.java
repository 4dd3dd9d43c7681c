package io.modelgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;

/** Credentials, lifetimes, max-age: the request parsing, table-driven, no I/O (scopes: {@link ScopeTest}). */
class ParsingTest {

    static Stream<Arguments> credentials() {
        return Stream.of(
                Arguments.of(new String[] {"Authorization", "Bearer tok1"}, "tok1"),
                Arguments.of(new String[] {"Authorization", "bearer   tok1  "}, "tok1"),
                Arguments.of(new String[] {"Authorization", "Basic dXNlcjpw"}, Credentials.INVALID),
                Arguments.of(new String[] {"Authorization", "Bearer "}, Credentials.INVALID),
                Arguments.of(new String[] {"Authorization", "Basic dXNlcjpw", "X-API-Key", "tok2"}, Credentials.INVALID),
                Arguments.of(new String[] {"X-API-Key", "tok2"}, "tok2"),
                Arguments.of(new String[] {"Authorization", "Bearer tok1", "X-API-Key", "tok2"}, "tok1"),
                Arguments.of(new String[] {"X-Forwarded-Uri", "/api/v1/m/predict?api_key=tok3"}, "tok3"),
                Arguments.of(new String[] {"X-Forwarded-Uri", "/api/v1/m?x=1&api_key=tok%2B3&y=2"}, "tok+3"),
                Arguments.of(new String[] {"X-Forwarded-Uri", "/api/v1/m?my_api_key=tok3"}, null),
                Arguments.of(new String[] {"X-Forwarded-Uri", "/api/v1/m?api_key="}, null),
                Arguments.of(new String[] {"X-Forwarded-Uri", "/api/v1/m?api_key"}, null),
                Arguments.of(new String[] {"X-API-Key", "tok2", "X-Forwarded-Uri", "/m?api_key=tok3"}, "tok2"),
                Arguments.of(new String[] {}, null));
    }

    @ParameterizedTest
    @MethodSource("credentials")
    void theTokenARequestCarries(String[] headers, String expected) {
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        assertThat(Credentials.token(h)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "90m, PT1H30M", "12h, PT12H", "30d, PT720H", "2w, PT336H"})
    void lifetimes(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0s, PT0S", "24h, PT24H", "7d, PT168H"})
    void overlapsMayBeZero(String text, Duration expected) {
        assertThat(Durations.parse(text, "overlap", true)).isEqualTo(expected);
        assertThatThrownBy(() -> Durations.parse("-1h", "overlap", true)).hasMessageContaining("overlap must be a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "30", "d", "0d", "-1d", "1y", "1.5d", "30 d", "9999999d"})
    void badLifetimesAreRefusedWithTheForm(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit s, m, h, d or w");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "null, null, PT30S",
            "2026-11-22T10:10:00Z, null, PT30S",
            "2026-11-22T10:00:12.700Z, null, PT12S",
            "2026-11-22T09:59:00Z, null, PT0S",
            "null, 2026-11-22T10:00:05Z, PT5S",
            "2026-11-22T10:00:20Z, 2026-11-22T10:00:05Z, PT5S",
            "2026-11-22T10:00:05Z, 2026-11-22T10:00:20Z, PT5S",
            "null, 2026-11-22T12:00:00Z, PT30S"})
    void aDecisionIsNeverCacheablePastTheTokensExpiryOrItsRotation(String expires, String retires, Duration expected) {
        var now = java.time.Instant.parse("2026-11-22T10:00:00Z");
        var token = new TokenRecord("0123456789abcdef", "alice", "free", List.of("*"), now.minusSeconds(60),
                expires == null ? null : java.time.Instant.parse(expires), null, retires == null ? null : "fedcba9876543210",
                retires == null ? null : java.time.Instant.parse(retires), null, 0);
        assertThat(AuthRoutes.maxAge(Duration.ofSeconds(30), token, now)).isEqualTo(expected);
    }
}
