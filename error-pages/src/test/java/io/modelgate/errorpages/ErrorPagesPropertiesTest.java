package io.modelgate.errorpages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ErrorPagesPropertiesTest {

    @Test
    void theDirectoryComesFromTheDocumentedEnvironmentVariable() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("MODELGATE_ERROR_PAGES_DIR", "/etc/modelgate/error-pages")));
        ErrorPagesProperties props = new Binder(ConfigurationPropertySources.get(env))
                .bind("modelgate.error-pages", ErrorPagesProperties.class).get();
        assertThat(props.dir()).isEqualTo(Path.of("/etc/modelgate/error-pages"));
    }
}
