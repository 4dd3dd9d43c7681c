package io.modelgate.gateway.config;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.modelgate.gateway.accesslog.AccessLogFields;
import io.modelgate.gateway.accesslog.AccessLogFields.Mode;
import io.modelgate.gateway.accesslog.AccessLogFilter;
import io.modelgate.gateway.accesslog.AccessLogOutput;
import io.modelgate.gateway.accesslog.AsyncAccessLog;
import io.modelgate.gateway.accesslog.JsonLineEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The access log from {@code modelgate.access-log.*}: its output, filters, fields, overload policy and reopen signal. */
@Configuration(proxyBeanMethods = false)
class AccessLogConfiguration {

    @Bean(destroyMethod = "close")
    AsyncAccessLog accessLog(ModelgateProperties props, MeterRegistry meters) {
        AccessLogProperties cfg = props.accessLog();
        AsyncAccessLog log;
        try {
            log = new AsyncAccessLog(output(cfg), new JsonLineEncoder(cfg.redactQueryParams(), fields(cfg.fields())),
                    AccessLogFilter.of(cfg.filters().statusCodes(), cfg.filters().retryAttempts(), cfg.filters().minDuration()),
                    cfg.queueCapacity(), cfg.onOverload());
        } catch (IllegalArgumentException e) {
            throw new BadSetting(e.getMessage());
        }
        FunctionCounter.builder("modelgate.access.log.dropped", log, AsyncAccessLog::dropped)
                .description("access-log records dropped because the output could not keep up (on-overload=drop)")
                .register(meters);
        if (cfg.enabled() && !cfg.path().isBlank() && cfg.reopenSignal()) {
            log.reopenOnSignal();
        }
        return log;
    }

    private static AccessLogOutput output(AccessLogProperties cfg) {
        if (!cfg.enabled()) {
            return AccessLogOutput.discard();
        }
        if (cfg.path().isBlank()) {
            return AccessLogOutput.stdout();
        }
        try {
            return AccessLogOutput.file(Path.of(cfg.path()));
        } catch (IOException e) {
            throw new BadSetting("modelgate.access-log.path: cannot open " + cfg.path() + " for appending: " + e.getMessage());
        }
    }

    static AccessLogFields fields(AccessLogProperties.Fields f) {
        String pre = "modelgate.access-log.fields.";
        return new AccessLogFields(Mode.parse(f.defaultMode(), pre + "default-mode"), modes(f.names(), pre + "names."),
                Mode.parse(f.headers().defaultMode(), pre + "headers.default-mode"),
                modes(f.headers().names(), pre + "headers.names."));
    }

    private static Map<String, Mode> modes(Map<String, String> names, String prefix) {
        Map<String, Mode> out = new LinkedHashMap<>();
        names.forEach((name, mode) -> out.put(name, Mode.parse(mode, prefix + name)));
        return out;
    }
}
