package io.modelgate.gateway.runtime;

import static io.modelgate.gateway.runtime.RuntimeConfigCompilerTest.provider;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Which configuration problems reach the log, and when: each once, and none that only the start-up order made. */
class RuntimeConfigHolderTest {

    private final RuntimeConfigHolder holder = new RuntimeConfigHolder(new RuntimeConfigCompiler(Set.of("web"),
            new StickyCookies("test-secret-0123456789".getBytes(StandardCharsets.UTF_8))));
    private final Logger logger = (Logger) LoggerFactory.getLogger(RuntimeConfigHolder.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void aRouterOfTheInternalServicesIsNotLoggedAsBrokenBeforeTheyArrive() {
        holder.awaitBeforeLoggingProblems("internal");
        holder.apply(provider("file").router("dash", "Host(`dash.local`)", "api@internal").build());
        assertThat(holder.current().problems()).as("listed by the API meanwhile").isNotEmpty();
        holder.apply(provider("internal").service("api", "http://127.0.0.1:8081").build());

        assertThat(holder.current().problems()).isEmpty();
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aRealProblemFoundMeanwhileIsLoggedOnceTheAwaitedProviderCame() {
        holder.awaitBeforeLoggingProblems("internal");
        holder.apply(provider("file").router("r", "PathPrefix(`/m`)", "nope").build());
        assertThat(warnings()).isEmpty();

        holder.apply(provider("internal").service("api", "http://127.0.0.1:8081").build());
        holder.apply(provider("docker").service("other", "http://10.0.0.1:80").build());
        assertThat(warnings()).containsExactly(
                "configuration problem [file] router r@file (file.yml:3): service nope@file does not exist");
    }

    @Test
    void withNothingAwaitedAProblemIsLoggedWhenItAppearsAndOnlyThen() {
        holder.apply(provider("file").router("r", "PathPrefix(`/m`)", "nope").build());
        holder.apply(provider("docker").service("other", "http://10.0.0.1:80").build());
        assertThat(warnings()).containsExactly(
                "configuration problem [file] router r@file (file.yml:3): service nope@file does not exist");
    }
}
