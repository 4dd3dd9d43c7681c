package io.modelgate.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QualifiedNameTest {

    @Test
    void aLocalNameTakesItsProvidersAndAQualifiedOneStays() {
        assertThat(QualifiedName.qualify("auth", "file")).isEqualTo("auth@file");
        assertThat(QualifiedName.qualify("auth@file", "docker")).isEqualTo("auth@file");
    }

    @Test
    void traefiksSwarmProviderIsTheDockerProvider() {
        assertThat(QualifiedName.qualify("llm@swarm", "file")).isEqualTo("llm@docker");
        assertThat(QualifiedName.qualify("llm@swarmy", "file")).isEqualTo("llm@swarmy");
    }
}
