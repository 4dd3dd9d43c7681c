package io.modelgate.gateway.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The tamper-evident audit trail, under {@code modelgate.audit.} (see {@code docs/auditors.md}). Kept apart
 * from {@link ModelgateProperties} so the access log and the audit trail can change independently.
 *
 * @param enabled            also write every access record to the audit file
 * @param file               the audit file; appended to, continued after a restart
 * @param keyFile            the secret that signs checkpoints (at least 32 bytes; a Docker secret); required
 *                           when enabled
 * @param checkpointRecords  a signed checkpoint after this many records
 * @param checkpointInterval … or after this long, if any record came since the last one
 * @param maxFileSize        rotate once the file is this large ({@code <file>.<UTC time>}); 0: never, rotation
 *                           is left to logrotate (without {@code copytruncate})
 * @param queueCapacity      records waiting for the audit writer; past that they are lost, counted and marked
 *                           by a gap line
 */
@Validated
@ConfigurationProperties("modelgate.audit")
public record AuditProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("audit/audit.log") @NotNull String file,
        String keyFile,
        @DefaultValue("1000") @Min(1) int checkpointRecords,
        @DefaultValue("60s") @NotNull Duration checkpointInterval,
        @DefaultValue("100MB") @NotNull DataSize maxFileSize,
        @DefaultValue("65536") @Min(1) int queueCapacity) {
}
