package io.modelgate.gateway.accesslog;

import io.modelgate.gateway.accesslog.AccessLogFields.Field;
import io.modelgate.gateway.accesslog.AccessLogFields.Mode;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Encodes one record as one line of JSON, with the fields the {@link AccessLogFields} keep ({@code REDACTED} for
 * redacted ones) and the request headers the record carries as {@code request_<Header>}, as Traefik names them.
 * Query values of secret parameters become {@code REDACTED}. Headers are logged only when configured, so by default
 * {@code Authorization} and {@code Cookie} cannot leak.
 */
public final class JsonLineEncoder {

    /** What a redacted field, header or query value is written as. */
    public static final String REDACTED = "REDACTED";

    /** Root values separated by newlines: one generator writes a whole batch of lines. */
    private static final JsonFactory JSON = JsonFactory.builder().rootValueSeparator("\n").build();

    private final Set<String> redacted;
    private final AccessLogFields fields;

    /** Every field, no headers (the audit trail's form). */
    public JsonLineEncoder(Iterable<String> redactQueryParams) {
        this(redactQueryParams, AccessLogFields.ALL);
    }

    public JsonLineEncoder(Iterable<String> redactQueryParams, AccessLogFields fields) {
        this.redacted = java.util.stream.StreamSupport.stream(redactQueryParams.spliterator(), false)
                .map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.fields = java.util.Objects.requireNonNull(fields, "fields");
    }

    AccessLogFields fields() {
        return fields;
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
        g.writeStartObject();
        string(g, Field.TIME, Instant.ofEpochMilli(r.epochMillis()).toString());
        string(g, Field.ENTRY_POINT, r.entryPoint());
        string(g, Field.CLIENT_IP, r.clientIp());
        string(g, Field.METHOD, r.method());
        string(g, Field.HOST, r.host());
        if (kept(g, Field.PATH)) {
            g.writeStringProperty(Field.PATH.json, redact(r.uri()));
        }
        string(g, Field.PROTOCOL, r.protocol());
        number(g, Field.STATUS, r.status());
        number(g, Field.ORIGIN_STATUS, r.originStatus());
        millis(g, Field.DURATION_MS, r.durationMs());
        millis(g, Field.ORIGIN_DURATION_MS, r.originDurationMs());
        number(g, Field.BYTES_IN, r.bytesIn());
        number(g, Field.BYTES_OUT, r.bytesOut());
        string(g, Field.ROUTER, r.router());
        string(g, Field.SERVICE, r.service());
        string(g, Field.SERVER_URL, r.serverUrl());
        string(g, Field.REQUEST_ID, r.requestId());
        string(g, Field.USER, r.user());
        string(g, Field.TOKEN_ID, r.tokenId());
        if (kept(g, Field.MIDDLEWARES)) {
            g.writeName(Field.MIDDLEWARES.json);
            g.writeStartArray();
            for (String m : r.middlewares()) {
                g.writeString(m);
            }
            g.writeEndArray();
        }
        string(g, Field.USER_AGENT, r.userAgent());
        number(g, Field.RETRY_ATTEMPTS, r.retryAttempts());
        List<String> headers = r.requestHeaders();
        for (int i = 0; i + 1 < headers.size(); i += 2) {
            g.writeStringProperty("request_" + headers.get(i), headers.get(i + 1));
        }
        g.writeEndObject();
    }

    /** A kept field as it is, a redacted one as {@code REDACTED}, a dropped one not at all. */
    private void string(JsonGenerator g, Field f, String value) {
        if (kept(g, f)) {
            g.writeStringProperty(f.json, value);
        }
    }

    private void number(JsonGenerator g, Field f, long value) {
        if (kept(g, f)) {
            g.writeNumberProperty(f.json, value);
        }
    }

    private void millis(JsonGenerator g, Field f, double value) {
        if (kept(g, f)) {
            g.writeNumberProperty(f.json, Math.round(value * 1000) / 1000.0);
        }
    }

    /** Writes a redacted field; true if the caller writes the value (kept), false if redacted or dropped. */
    private boolean kept(JsonGenerator g, Field f) {
        Mode m = fields.mode(f);
        if (m == Mode.REDACT) {
            g.writeStringProperty(f.json, REDACTED);
        }
        return m == Mode.KEEP;
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
                b.append(name).append('=').append(REDACTED);
            } else {
                b.append(pair);
            }
        }
        return b.toString();
    }
}
