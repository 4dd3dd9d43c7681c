package io.modelgate.discovery.docker;

import static io.modelgate.discovery.docker.LabelFixtures.MIDDLEWARES;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.modelgate.discovery.ProviderSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The label decoder under Jazzer: whatever labels a container carries ({@code key=value} per line of the input),
 * decoding fails soft (problems in the snapshot, never an exception), as one bad container must not take the
 * others' routes down. The seeds are real label sets, so the fuzzer starts inside the schema.
 */
class LabelDecoderFuzzTest {

    @FuzzTest(maxDuration = "15m", maxExecutions = 3_000_000)
    void decode(byte[] input) {
        LabelFixtures.Part labels = d -> {
            for (String line : new String(input, StandardCharsets.UTF_8).split("\n")) {
                int eq = line.indexOf('=');
                d.labels.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
            }
        };
        Workload w = LabelFixtures.workload(LabelFixtures.name("fuzz"), labels, LabelFixtures.network("ml", "10.0.0.5"),
                LabelFixtures.port(8000));
        ProviderSnapshot snapshot = new LabelDecoder(LabelSettings.defaults(), MIDDLEWARES).decode(List.of(w));
        if (snapshot == null || snapshot.config() == null) {
            throw new AssertionError("no snapshot");
        }
    }
}
