package io.modelgate.gateway.config;

import io.modelgate.gateway.accesslog.AsyncAccessLog;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access log ({@code modelgate.access-log.*}): one JSON object per request per line. Every key is listed in
 * {@code docs/access-log.md} ({@code AccessLogReferenceTest} checks the page against these records).
 *
 * @param enabled           write it at all
 * @param path              file to append to; empty means standard output
 * @param redactQueryParams query parameters whose values are written as {@code REDACTED}
 * @param filters           which requests get a line (Traefik's {@code accessLog.filters})
 * @param fields            which fields and request headers a line carries (Traefik's {@code accessLog.fields})
 * @param queueCapacity     records that may wait for the writer thread (Traefik's {@code bufferingSize})
 * @param onOverload        a full queue: {@code drop} the record and count it (default: traffic never waits for
 *                          the log), or {@code block} the event loop until there is room (every record written,
 *                          requests slow down with the disk)
 * @param reopenSignal      reopen the file by name on {@code SIGUSR1} (logrotate's {@code postrotate})
 */
public record AccessLogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String path,
        @DefaultValue({"api_key", "apikey", "access_token", "token", "key", "password", "secret", "signature", "sig"})
        List<String> redactQueryParams,
        @Valid @NotNull @DefaultValue Filters filters,
        @Valid @NotNull @DefaultValue Fields fields,
        @DefaultValue("65536") @Min(16) @Max(16_777_216) int queueCapacity,
        @NotNull @DefaultValue("drop") AsyncAccessLog.Overload onOverload,
        @DefaultValue("true") boolean reopenSignal) {

    /**
     * A request gets a line if any set filter takes it; with none set, every request does.
     *
     * @param statusCodes   statuses and ranges ({@code 404}, {@code 400-499})
     * @param retryAttempts requests that were sent again to a server
     * @param minDuration   requests that took longer than this (0: no such filter)
     */
    public record Filters(@DefaultValue List<String> statusCodes, @DefaultValue("false") boolean retryAttempts,
                          @DefaultValue("0s") Duration minDuration) {
    }

    /**
     * @param defaultMode {@code keep}, {@code drop} or {@code redact}: fields not named in {@code names}
     * @param names       field (its name in the line: {@code clientIp}, {@code user}) → mode
     * @param headers     request headers, logged as {@code request_<Header>}
     */
    public record Fields(@DefaultValue("keep") String defaultMode, @DefaultValue Map<String, String> names,
                         @Valid @NotNull @DefaultValue Headers headers) {
    }

    /**
     * @param defaultMode headers not named: {@code drop} (default), {@code keep} (then {@code Authorization},
     *                    {@code Proxy-Authorization}, {@code Cookie} and {@code Set-Cookie} are still redacted
     *                    unless named {@code keep}) or {@code redact}
     * @param names       header name → mode
     */
    public record Headers(@DefaultValue("drop") String defaultMode, @DefaultValue Map<String, String> names) {
    }
}
