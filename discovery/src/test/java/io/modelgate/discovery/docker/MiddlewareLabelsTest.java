package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.config.MiddlewareSpec;
import io.modelgate.discovery.config.RetrySpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.discovery.decode.MiddlewareDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Middleware labels go through the file provider's {@link MiddlewareDecoder}, as a Docker label writes them. */
class MiddlewareLabelsTest {

    private static MiddlewareSpec decode(Map<String, String> labels) {
        return MiddlewareDecoder.decode(LabelTree.of(LabelFixtures.options("middlewares", labels), "container web"));
    }

    @Test
    void retryFromLowerCaseLabels() {
        RetrySpec r = (RetrySpec) decode(Map.of("retry.attempts", "4", "retry.initialinterval", "100ms", "retry.methods", "GET,post"));
        assertThat(r).isEqualTo(new RetrySpec(4, Duration.ofMillis(100), Set.of("GET", "POST")));
    }

    @Test
    void badLabelsAreOneClearLine() {
        assertThat(decode(Map.of("stripprefix.prefixes", "/a,/b"))).isEqualTo(new StripPrefixSpec(List.of("/a", "/b")));
        assertThatThrownBy(() -> decode(Map.of("retry.attempts", "0"))).hasMessage("retry.attempts must be at least 1, got 0");
        assertThatThrownBy(() -> decode(Map.of("stripprefix.prefixes", "a"))).hasMessage("stripPrefix prefix 'a' must start with '/'");
        assertThatThrownBy(() -> decode(Map.of("nosuchtype.x", "1"))).hasMessage("unknown middleware type 'nosuchtype'");
    }
}
