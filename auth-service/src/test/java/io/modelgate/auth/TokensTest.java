package io.modelgate.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokensTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void issuedTokensHaveTheFormatAndCarry256BitsOfSecret() {
        Tokens.Issued t = Tokens.issue(random);
        assertThat(t.token()).matches("mgt_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
        Tokens.Parts parts = Tokens.parse(t.token());
        assertThat(parts.id()).isEqualTo(t.id());
        assertThat(java.util.Base64.getUrlDecoder().decode(parts.secret())).hasSize(32);
        assertThat(t.hash()).as("stored: a SHA-256, not the secret").hasSize(64).doesNotContain(parts.secret());
        assertThat(t.toString()).doesNotContain(parts.secret());
    }

    @Test
    void tokensAreUnique() {
        Set<String> ids = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            Tokens.Issued t = Tokens.issue(random);
            ids.add(t.id());
            tokens.add(t.token());
        }
        assertThat(ids).hasSize(2000);
        assertThat(tokens).hasSize(2000);
    }

    @Test
    void theSecretMatchesOnlyItsOwnHash() {
        Tokens.Issued a = Tokens.issue(random);
        Tokens.Issued b = Tokens.issue(random);
        String secretA = Tokens.parse(a.token()).secret();
        assertThat(Tokens.matches(secretA, a.hash())).isTrue();
        assertThat(Tokens.matches(secretA, b.hash())).isFalse();
        assertThat(Tokens.matches(secretA, null)).as("unknown id").isFalse();
        assertThat(Tokens.matches("0".repeat(43), null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "mgt_", "abc", "mgt_0123456789abcdeg_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "mgt_0123456789abcdef-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "mgt_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "mgt_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "xyz_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "mgt_0123456789ABCDEF_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"})
    void malformedTokensDoNotParse(String token) {
        assertThat(Tokens.parse(token)).isNull();
    }

    @Test
    void idsAreRecognised() {
        assertThat(Tokens.isId("0123456789abcdef")).isTrue();
        assertThat(Tokens.isId("0123456789abcde")).isFalse();
        assertThat(Tokens.isId("../../etc/passwd")).isFalse();
        assertThat(Tokens.isId(null)).isFalse();
    }
}
