package io.modelgate.gateway.accesslog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which fields a line carries, and which request headers (Traefik's {@code accessLog.fields}): each field and
 * header is kept, dropped or redacted (written as {@code REDACTED}). Fields are kept and headers dropped unless
 * configured otherwise, as in Traefik. Built once from the settings; {@link #capture} runs per request only
 * when some header is to be logged.
 */
public final class AccessLogFields {

    /** What happens to one field or header. */
    public enum Mode {
        KEEP, DROP, REDACT;

        /** {@code keep}, {@code drop} or {@code redact}, any case; {@code what} names the setting in the message. */
        public static Mode parse(String value, String what) {
            if (value != null) {
                switch (value.strip().toLowerCase(Locale.ROOT)) {
                    case "keep" -> { return KEEP; }
                    case "drop" -> { return DROP; }
                    case "redact" -> { return REDACT; }
                    default -> { }
                }
            }
            throw new IllegalArgumentException(what + ": '" + value + "' is not keep, drop or redact");
        }
    }

    /** The fields of a line, in the order they are written; {@link #json} is the name in the line. */
    public enum Field {
        TIME("time"), ENTRY_POINT("entryPoint"), CLIENT_IP("clientIp"), METHOD("method"), HOST("host"), PATH("path"),
        PROTOCOL("protocol"), STATUS("status"), ORIGIN_STATUS("originStatus"), DURATION_MS("durationMs"),
        ORIGIN_DURATION_MS("originDurationMs"), BYTES_IN("bytesIn"), BYTES_OUT("bytesOut"), ROUTER("router"),
        SERVICE("service"), SERVER_URL("serverUrl"), REQUEST_ID("requestId"), USER("user"), TOKEN_ID("tokenId"),
        MIDDLEWARES("middlewares"), USER_AGENT("userAgent"), RETRY_ATTEMPTS("retryAttempts");

        public final String json;

        Field(String json) {
            this.json = json;
        }

        /** The field of that line name (any case), or null. */
        public static Field named(String name) {
            for (Field f : values()) {
                if (f.json.equalsIgnoreCase(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** Headers that carry credentials: with headers' default mode {@code keep} they are still redacted unless named. */
    static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");

    /** Every field, no headers: the default, and what the audit trail writes. */
    public static final AccessLogFields ALL = new AccessLogFields(Mode.KEEP, Map.of(), Mode.DROP, Map.of());

    private final Mode[] modes = new Mode[Field.values().length];
    private final Mode headerDefault;
    /** Lower-case header name → its mode, as configured. */
    private final Map<String, Mode> headerModes;
    private final boolean anyHeader;

    /**
     * @param defaultMode   mode of fields not in {@code names}
     * @param names         field (its line name, any case) → mode
     * @param headerDefault mode of request headers not in {@code headerNames}
     * @param headerNames   header name (any case) → mode
     * @throws IllegalArgumentException naming an unknown field
     */
    public AccessLogFields(Mode defaultMode, Map<String, Mode> names, Mode headerDefault, Map<String, Mode> headerNames) {
        java.util.Arrays.fill(modes, defaultMode);
        names.forEach((name, mode) -> {
            Field f = Field.named(name);
            if (f == null) {
                throw new IllegalArgumentException("modelgate.access-log.fields.names." + name + ": no such field (the "
                        + "fields are " + java.util.Arrays.stream(Field.values()).map(x -> x.json).toList() + ")");
            }
            modes[f.ordinal()] = mode;
        });
        this.headerDefault = headerDefault;
        Map<String, Mode> h = new java.util.HashMap<>();
        headerNames.forEach((name, mode) -> h.put(name.toLowerCase(Locale.ROOT), mode));
        this.headerModes = Map.copyOf(h);
        this.anyHeader = headerDefault != Mode.DROP || h.containsValue(Mode.KEEP) || h.containsValue(Mode.REDACT);
    }

    public Mode mode(Field f) {
        return modes[f.ordinal()];
    }

    /** True if some request header is logged: only then does a request pay for {@link #capture}. */
    public boolean capturesHeaders() {
        return anyHeader;
    }

    /**
     * The request headers a line carries, as {@code name, value, name, value…} with names in canonical form
     * ({@code User-Agent}) and redacted values already {@code REDACTED}; empty when none is logged.
     */
    public List<String> capture(Iterable<Map.Entry<String, String>> headers) {
        if (!anyHeader) {
            return List.of();
        }
        List<String> out = new ArrayList<>(8);
        for (Map.Entry<String, String> h : headers) {
            String lower = h.getKey().toLowerCase(Locale.ROOT);
            Mode mode = headerModes.get(lower);
            if (mode == null) {
                mode = headerDefault == Mode.KEEP && CREDENTIALS.contains(lower) ? Mode.REDACT : headerDefault;
            }
            if (mode != Mode.DROP) {
                out.add(canonical(lower));
                out.add(mode == Mode.KEEP ? h.getValue() : JsonLineEncoder.REDACTED);
            }
        }
        return out;
    }

    /** {@code x-request-id} → {@code X-Request-Id}, the form Traefik's {@code request_<Header>} fields have. */
    static String canonical(String lower) {
        StringBuilder b = new StringBuilder(lower.length());
        boolean up = true;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            b.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return b.toString();
    }

    @Override
    public String toString() {
        Map<Field, Mode> changed = new EnumMap<>(Field.class);
        for (Field f : Field.values()) {
            if (modes[f.ordinal()] != Mode.KEEP) {
                changed.put(f, modes[f.ordinal()]);
            }
        }
        return "AccessLogFields[not kept=" + changed + ", headers=" + headerDefault + " " + headerModes + "]";
    }
}
