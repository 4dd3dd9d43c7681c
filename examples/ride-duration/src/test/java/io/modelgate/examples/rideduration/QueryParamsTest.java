package io.modelgate.examples.rideduration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryParamsTest {

    @Test
    void firstValueDecoded() {
        assertThat(QueryParams.first("a=1&session=al%20ice&session=bob", "session")).contains("al ice");
        assertThat(QueryParams.first("flag&b=2", "flag")).contains("");
    }

    @Test
    void absent() {
        assertThat(QueryParams.first(null, "a")).isEmpty();
        assertThat(QueryParams.first("", "a")).isEmpty();
        assertThat(QueryParams.first("ab=1", "a")).isEmpty();
    }
}
