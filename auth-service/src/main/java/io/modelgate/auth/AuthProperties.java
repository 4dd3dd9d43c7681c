package io.modelgate.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The auth service's settings, under {@code modelgate.auth.} (environment: {@code MODELGATE_AUTH_…}).
 *
 * @param cacheMaxAge {@code Cache-Control: max-age} of a 200 from {@code /auth}: how long the gateway may
 *                    reuse the decision, so also how long a revoked token may still pass
 * @param lookupCacheTtl how long a token, its user and its plan are remembered after a database read, so that
 *                    {@code /auth} decides without one (zero: always read); changes made by another replica or
 *                    the CLI are seen within it
 * @param dataDir     directory of the embedded H2 database (ignored with a PostgreSQL URL)
 * @param admin       the admin HTTP API
 * @param counts      how the in-memory counts (quotas, token usage) are written
 */
@Validated
@ConfigurationProperties("modelgate.auth")
public record AuthProperties(
        @DefaultValue("30s") @NotNull Duration cacheMaxAge,
        @DefaultValue("1s") @NotNull Duration lookupCacheTtl,
        @DefaultValue("./data") String dataDir,
        @Valid @NotNull @DefaultValue Admin admin,
        @Valid @NotNull @DefaultValue Counts counts) {

    /**
     * The in-memory counts.
     *
     * @param flushInterval how often they are written (one batch); also what a crash can lose at most, and how
     *                      late a replica sees the others' quota counts
     */
    public record Counts(@DefaultValue("1s") @NotNull Duration flushInterval) {
    }

    /**
     * The admin API, on its own port; off unless a secret is set.
     *
     * @param port       its port
     * @param address    address it binds
     * @param secret     the secret ({@code MODELGATE_AUTH_ADMIN_SECRET}); callers send {@code Authorization: Bearer <secret>}
     * @param secretFile a file holding the secret ({@code MODELGATE_AUTH_ADMIN_SECRET_FILE}, e.g. a Docker secret); wins over {@code secret}
     * @param name       the name of that secret: the actor the audit records for calls made with it
     * @param credentialsFile a file of more named secrets, one {@code NAME SECRET} a line ({@code #} comments), so
     *                   each operator or system has its own and the audit tells them apart
     */
    public record Admin(@DefaultValue("9092") @Min(0) @Max(65535) int port, @DefaultValue("0.0.0.0") String address,
                        String secret, String secretFile, @DefaultValue("admin") String name, String credentialsFile) {
    }
}
