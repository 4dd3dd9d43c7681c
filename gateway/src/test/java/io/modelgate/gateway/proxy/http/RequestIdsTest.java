package io.modelgate.gateway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0f8c-11.x_y:z", "A"})
    void keepsSaneClientIds(String id) {
        assertThat(RequestIds.fromClientOrNew(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "quote\"", "<script>", "ünï", "new\nline"})
    void replacesInsaneClientIds(String id) {
        assertThat(RequestIds.fromClientOrNew(id)).matches("[0-9a-f]{32}");
    }

    @Test
    void replacesMissingAndOverlongIds() {
        assertThat(RequestIds.fromClientOrNew(null)).matches("[0-9a-f]{32}");
        assertThat(RequestIds.fromClientOrNew("a".repeat(129))).matches("[0-9a-f]{32}");
        assertThat(RequestIds.fromClientOrNew("a".repeat(128))).hasSize(128);
    }

    @Test
    void generatedIdsDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(RequestIds.generate());
        }
        assertThat(ids).hasSize(1000);
    }
}
