package io.modelgate.gateway.traefik;

import io.modelgate.gateway.accesslog.AccessLogFields;
import io.modelgate.gateway.accesslog.AccessLogFields.Field;
import io.modelgate.gateway.accesslog.AccessLogFilter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Traefik's {@code accessLog.filters} and {@code accessLog.fields} onto {@code modelgate.access-log.*}: the
 * values are checked here (a bad range or mode is one line at start-up), Traefik's field names become the
 * names of modelgate's JSON line.
 */
final class TraefikAccessLog {

    private static final String PRE = "modelgate.access-log.";

    /** Traefik's field name (lower case) → modelgate's. */
    static final Map<String, Field> FIELDS = Map.ofEntries(
            Map.entry("startutc", Field.TIME), Map.entry("entrypointname", Field.ENTRY_POINT),
            Map.entry("clienthost", Field.CLIENT_IP), Map.entry("clientaddr", Field.CLIENT_IP),
            Map.entry("requestmethod", Field.METHOD), Map.entry("requesthost", Field.HOST),
            Map.entry("requestaddr", Field.HOST), Map.entry("requestpath", Field.PATH),
            Map.entry("requestprotocol", Field.PROTOCOL), Map.entry("downstreamstatus", Field.STATUS),
            Map.entry("originstatus", Field.ORIGIN_STATUS), Map.entry("duration", Field.DURATION_MS),
            Map.entry("originduration", Field.ORIGIN_DURATION_MS), Map.entry("requestcontentsize", Field.BYTES_IN),
            Map.entry("downstreamcontentsize", Field.BYTES_OUT), Map.entry("routername", Field.ROUTER),
            Map.entry("servicename", Field.SERVICE), Map.entry("serviceurl", Field.SERVER_URL),
            Map.entry("serviceaddr", Field.SERVER_URL), Map.entry("clientusername", Field.USER),
            Map.entry("retryattempts", Field.RETRY_ATTEMPTS));

    /** Traefik's fields modelgate does not write: keeping or dropping them changes nothing. */
    static final Set<String> NOT_WRITTEN = Set.of("startlocal", "clientport", "requestport", "requestscheme",
            "requestline", "requestcount", "origincontentsize", "gzipratio", "overhead", "tlsversion", "tlscipher",
            "tlsclientsubject", "traceid", "spanid");

    private TraefikAccessLog() {
    }

    static void statusCodes(List<String> names, String value, TraefikTranslation.Builder out) {
        String list = TraefikValues.list(value);
        try {
            AccessLogFilter.of(List.of(list), false, null);
        } catch (IllegalArgumentException e) {
            throw bare(e);
        }
        out.set(PRE + "filters.status-codes", list);
    }

    static void minDuration(List<String> names, String value, TraefikTranslation.Builder out) {
        out.set(PRE + "filters.min-duration", TraefikValues.duration(value));
    }

    static void defaultMode(List<String> names, String value, TraefikTranslation.Builder out) {
        out.set(PRE + "fields.default-mode", mode(value, "accesslog.fields.defaultmode"));
    }

    static void headersDefaultMode(List<String> names, String value, TraefikTranslation.Builder out) {
        out.set(PRE + "fields.headers.default-mode", mode(value, "accesslog.fields.headers.defaultmode"));
    }

    static void headerName(List<String> names, String value, TraefikTranslation.Builder out) {
        out.set(PRE + "fields.headers.names." + names.get(0), mode(value, "accesslog.fields.headers.names." + names.get(0)));
    }

    /** A Traefik field name (or modelgate's own); a field modelgate does not write is accepted and has no effect. */
    static void fieldName(List<String> names, String value, TraefikTranslation.Builder out) {
        String name = names.get(0);
        String mode = mode(value, "accesslog.fields.names." + name);
        Field f = FIELDS.containsKey(name) ? FIELDS.get(name) : Field.named(name);
        if (f != null) {
            out.set(PRE + "fields.names." + f.json, mode);
        } else if (!NOT_WRITTEN.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a Traefik access-log field (its fields: "
                    + "docs/access-log.md#traefiks-field-names)");
        }
    }

    private static String mode(String value, String what) {
        try {
            return AccessLogFields.Mode.parse(value, what).name().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw bare(e);
        }
    }

    /** The message without its leading property name: the translator puts the option as written first. */
    private static IllegalArgumentException bare(IllegalArgumentException e) {
        String m = e.getMessage();
        return new IllegalArgumentException(m.substring(m.indexOf(": ") + 2));
    }
}
