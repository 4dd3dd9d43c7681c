package io.modelgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.gateway.ModelgateApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** An idle grace the drain cannot honour stops the start with one line naming both settings. */
class ShutdownSettingsIT {

    private static void start(String idleGrace) {
        new SpringApplicationBuilder(ModelgateApplication.class).run("--modelgate.entrypoints.web.port=0",
                "--modelgate.admin.port=0", "--modelgate.demo.enabled=false", "--modelgate.providers.docker.enabled=false",
                "--modelgate.access-log.enabled=false",
                "--modelgate.shutdown.grace=10s", "--modelgate.shutdown.idle-grace=" + idleGrace).close();
    }

    @Test
    void anIdleGraceLongerThanTheGraceIsRefused() {
        assertThatThrownBy(() -> start("11s")).rootCause().isInstanceOf(BadSetting.class)
                .hasMessage("modelgate.shutdown.idle-grace=11000ms must lie between 0 and modelgate.shutdown.grace "
                        + "(10000ms): idle connections are closed within the drain");
    }

    @Test
    void aNegativeIdleGraceIsRefused() {
        assertThatThrownBy(() -> start("-1s")).rootCause().isInstanceOf(BadSetting.class)
                .hasMessageStartingWith("modelgate.shutdown.idle-grace=-1000ms must lie between 0");
    }

    @Test
    void theGraceItselfIsAccepted() {
        start("10s");
    }
}
