package io.modelgate.gateway.accesslog;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Encodes one record as one line of JSON. Query values of secret parameters become {@code REDACTED};
 * headers are never part of a record, so {@code Authorization} and {@code Cookie} cannot leak.
 */
public final class JsonLineEncoder {

    /** Root values separated by newlines: one generator writes a whole batch of lines. */
    private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator("\n").build();

    private final Set<String> redacted;

    public JsonLineEncoder(Iterable<String> redactQueryParams) {
        this.redacted = java.util.stream.StreamSupport.stream(redactQueryParams.spliterator(), false)
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Encodes a batch, one generator for all of it (creating one per record cost as much as the writing). */
    void encode(Iterable<AccessLogRecord> records, ByteArrayOutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            boolean any = false;
            for (AccessLogRecord r : records) {
                write(r, g);
                any = true;
            }
            if (any) {
                g.writeRaw('\n');
            }
        }
    }

    void encode(AccessLogRecord r, ByteArrayOutputStream out) {
        encode(java.util.List.of(r), out);
    }

    /** One record as the access log writes it, without the newline: what the audit trail chains. */
    public String json(AccessLogRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        encode(r, out);
        String line = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        return line.substring(0, line.length() - 1);
    }

    private void write(AccessLogRecord r, JsonGenerator g) {
        String path = redact(r.uri());
        g.writeStartObject();
        g.writeStringProperty("time", Instant.ofEpochMilli(r.epochMillis()).toString());
        g.writeStringProperty("entryPoint", r.entryPoint());
        g.writeStringProperty("clientIp", r.clientIp());
        g.writeStringProperty("method", r.method());
        g.writeStringProperty("host", r.host());
        g.writeStringProperty("path", path);
        g.writeStringProperty("protocol", r.protocol());
        g.writeNumberProperty("status", r.status());
        g.writeNumberProperty("originStatus", r.originStatus());
        g.writeNumberProperty("durationMs", Math.round(r.durationMs() * 1000) / 1000.0);
        g.writeNumberProperty("originDurationMs", Math.round(r.originDurationMs() * 1000) / 1000.0);
        g.writeNumberProperty("bytesIn", r.bytesIn());
        g.writeNumberProperty("bytesOut", r.bytesOut());
        g.writeStringProperty("router", r.router());
        g.writeStringProperty("service", r.service());
        g.writeStringProperty("serverUrl", r.serverUrl());
        g.writeStringProperty("requestId", r.requestId());
        g.writeStringProperty("user", r.user());
        g.writeStringProperty("tokenId", r.tokenId());
        g.writeName("middlewares");
        g.writeStartArray();
        for (String m : r.middlewares()) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeStringProperty("userAgent", r.userAgent());
        g.writeNumberProperty("retryAttempts", r.retryAttempts());
        g.writeEndObject();
    }

    /** {@code /p?api_key=abc&x=1} → {@code /p?api_key=REDACTED&x=1}; names compared case-insensitively. */
    public String redact(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        if (q < 0 || redacted.isEmpty()) {
            return uri;
        }
        StringBuilder b = new StringBuilder(uri.length()).append(uri, 0, q + 1);
        String[] pairs = uri.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                b.append('&');
            }
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && redacted.contains(java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT))) {
                b.append(name).append("=REDACTED");
            } else {
                b.append(pair);
            }
        }
        return b.toString();
    }
}
