package io.modelgate.errorpages;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code modelgate.error-pages}.
 *
 * @param dir directory whose {@code {status}.html} / {@code {status}.json} files replace the built-in pages
 *            (env {@code MODELGATE_ERROR_PAGES_DIR}); none by default, {@code /etc/modelgate/error-pages}
 *            in the Docker image. Read on every request, so edits show up at once.
 */
@ConfigurationProperties("modelgate.error-pages")
public record ErrorPagesProperties(@Nullable Path dir) {
}
