package io.modelgate.gateway.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelgate.gateway.accesslog.JsonLineEncoder;
import io.modelgate.gateway.audit.AuditKey;
import io.modelgate.gateway.audit.AuditTrail;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit trail, when {@code modelgate.audit.enabled=true}; the entry points hand it every access record. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /**
     * Null (no bean) unless enabled. The entry points take it as a plain (nullable) argument rather than through
     * an {@code ObjectProvider}, so Spring knows they depend on it and closes it after they have drained: the
     * last records of a stop still reach the file before its final checkpoint.
     */
    @Bean(destroyMethod = "close")
    AuditTrail auditTrail(AuditProperties audit, ModelgateProperties props, MeterRegistry meters) {
        if (!audit.enabled()) {
            return null;
        }
        AuditTrail trail;
        try {
            trail = new AuditTrail(settings(audit), new JsonLineEncoder(props.accessLog().redactQueryParams())::json,
                    Clock.systemUTC());
        } catch (IOException e) {
            throw new BadSetting("modelgate.audit.file: " + audit.file() + " cannot be written: " + e);
        } catch (IllegalArgumentException e) {
            throw new BadSetting("modelgate.audit.file: " + e.getMessage());
        }
        FunctionCounter.builder("modelgate.audit.records.lost", trail, AuditTrail::lost)
                .description("access records that never reached the audit file (each covered by a gap line)")
                .register(meters);
        FunctionCounter.builder("modelgate.audit.records.written", trail, AuditTrail::written)
                .description("access records written to the audit file")
                .register(meters);
        return trail;
    }

    static AuditTrail.Settings settings(AuditProperties audit) {
        if (audit.keyFile() == null || audit.keyFile().isBlank()) {
            throw new BadSetting("modelgate.audit.enabled=true needs modelgate.audit.key-file: a file holding the "
                    + "secret that signs checkpoints (make one with: openssl rand -base64 48 > FILE)");
        }
        AuditKey key;
        try {
            key = AuditKey.load(Path.of(audit.keyFile()));
        } catch (IllegalArgumentException e) {
            throw new BadSetting("modelgate.audit.key-file: " + e.getMessage());
        }
        return new AuditTrail.Settings(Path.of(audit.file()), key, audit.checkpointRecords(),
                audit.checkpointInterval(), audit.maxFileSize().toBytes(), audit.queueCapacity());
    }
}
