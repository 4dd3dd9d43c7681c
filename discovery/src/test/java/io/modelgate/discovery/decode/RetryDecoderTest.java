package io.modelgate.discovery.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.config.RetrySpec;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** retry as Traefik writes it, plus modelgate's {@code methods}. */
class RetryDecoderTest {

    static RetrySpec retry(String yaml) {
        return (RetrySpec) MiddlewareDecoder.decode(YamlTree.parse(yaml, "m.yml"));
    }

    @Test
    void attemptsAloneRetriesAtOnceAndOnlyIdempotentMethodsOnceSent() {
        RetrySpec r = retry("retry: { attempts: 4 }");
        assertThat(r.attempts()).isEqualTo(4);
        assertThat(r.initialInterval()).isZero();
        assertThat(r.methods()).containsExactlyInAnyOrder("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");
    }

    @Test
    void initialIntervalAsADurationOrAsSeconds() {
        assertThat(retry("retry: { attempts: 3, initialInterval: 100ms }").initialInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(retry("retry: { attempts: 3, initialInterval: 2 }").initialInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void methodsReplaceTheDefaultAndAreReadInAnyCaseOrAsOneCommaSeparatedValue() {
        assertThat(retry("retry: { attempts: 2, methods: [get, Post] }").methods()).isEqualTo(Set.of("GET", "POST"));
        assertThat(retry("retry: { attempts: 2, methods: \"GET,POST\" }").methods()).isEqualTo(Set.of("GET", "POST"));
    }

    @Test
    void badValuesSayWhat() {
        assertThatThrownBy(() -> retry("retry: { initialInterval: 1s }")).hasMessageContaining("retry needs attempts");
        assertThatThrownBy(() -> retry("retry: { attempts: x }")).hasMessageContaining("retry.attempts must be an integer, got 'x'");
        assertThatThrownBy(() -> retry("retry: { attempts: 2, initialInterval: soon }"))
                .hasMessageContaining("durations look like 500ms");
        assertThatThrownBy(() -> retry("retry: { attempts: 2, timeout: 1s }")).hasMessageContaining("timeout");
    }
}
