package io.modelgate.gateway.middleware.basicauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hashes made by Debian's htpasswd 2.4 ({@code -nbm}, {@code -nbs}, {@code -nbB -C 5}) for alice / s3cret. */
class HtpasswdHashTest {

    @ParameterizedTest
    @CsvSource({
            "$apr1$GiwEzmwN$xKOgBb0kk7aVgphJ3MI4H1, APR1",
            "{SHA}/vNB+F2HQ559kaLUZbmHHvZrXpg=, SHA1",
            "$2y$05$uZhtTZOWffy4zY9.LiHckOEa4B2zN4bEiSxWMloT48X2FQPXNq1Ti, BCRYPT"})
    void htpasswdsHashesMatchTheirPasswordOnly(String stored, HtpasswdHash.Kind kind) {
        HtpasswdHash hash = HtpasswdHash.parse("alice", stored);
        assertThat(hash.kind()).isEqualTo(kind);
        assertThat(hash.matches("s3cret")).isTrue();
        assertThat(hash.matches("s3cret ")).isFalse();
        assertThat(hash.matches("")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3cret", "$1$abc$def", "{SHA}short=", "$apr1$toolongsalt$xKOgBb0kk7aVgphJ3MI4H1"})
    void otherFormatsAreRefusedNamingTheAcceptedOnes(String stored) {
        assertThatThrownBy(() -> HtpasswdHash.parse("alice", stored))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alice").hasMessageContaining("$apr1$");
    }
}
