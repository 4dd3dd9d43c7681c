package io.modelgate.discovery.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.config.RetrySpec;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Middleware labels go through the file provider's decoder ({@link LabelTree#middleware}): retry as a Docker label writes it. */
class MiddlewareLabelsTest {

    @Test
    void retryFromLowerCaseLabels() {
        RetrySpec r = (RetrySpec) LabelTree.middleware(Map.of("retry.attempts", "4",
                "retry.initialinterval", "100ms", "retry.methods", "GET,post"));
        assertThat(r).isEqualTo(new RetrySpec(4, Duration.ofMillis(100), Set.of("GET", "POST")));
    }

    @Test
    void aBadRetryLabelIsOneClearLine() {
        assertThatThrownBy(() -> LabelTree.middleware(Map.of("retry.attempts", "0")))
                .hasMessage("retry.attempts must be at least 1, got 0");
    }
}
