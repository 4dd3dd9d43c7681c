package io.modelgate.gateway.dashboard;

import io.modelgate.gateway.accesslog.AccessLogRecord;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The auditor view's filter: who (user, exactly), which model (a part of the router or service name), which
 * status class, and a time range in UTC. Empty fields match everything; a field that cannot be read is
 * ignored and named in {@link #errors()}, so a typo never hides records silently.
 *
 * @param user        the caller an auth middleware named, or "" for any
 * @param model       a part of the router or service name (case-insensitive), or "" for any
 * @param statusClass 1 to 5 for 1xx…5xx, 0 for any
 * @param from        earliest end time (inclusive), or null
 * @param to          latest end time (exclusive), or null
 * @param errors      what could not be read
 */
record AuditFilter(String user, String model, int statusClass, Instant from, Instant to, List<String> errors)
        implements Predicate<AccessLogRecord> {

    AuditFilter {
        errors = List.copyOf(errors);
    }

    /** From the page's query parameters ({@code user}, {@code model}, {@code status=4xx}, {@code from}, {@code to}). */
    static AuditFilter parse(Map<String, String> query) {
        List<String> errors = new ArrayList<>();
        String status = query.getOrDefault("status", "").strip();
        int statusClass = 0;
        if (status.matches("[1-5]xx")) {
            statusClass = status.charAt(0) - '0';
        } else if (!status.isEmpty()) {
            errors.add("status must be 1xx to 5xx, not '" + status + "'");
        }
        return new AuditFilter(query.getOrDefault("user", "").strip(), query.getOrDefault("model", "").strip(),
                statusClass, time(query, "from", errors), time(query, "to", errors), errors);
    }

    /** {@code 2026-12-02T17:30} or with seconds, as a browser's datetime-local input sends it; read as UTC. */
    private static Instant time(Map<String, String> query, String name, List<String> errors) {
        String value = query.getOrDefault(name, "").strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            return value.endsWith("Z") ? Instant.parse(value) : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(name + " must be a time like 2026-12-02T17:30 (UTC), not '" + value + "'");
            return null;
        }
    }

    @Override
    public boolean test(AccessLogRecord r) {
        if (!user.isEmpty() && !user.equals(r.user())) {
            return false;
        }
        if (!model.isEmpty() && !contains(r.router(), model) && !contains(r.service(), model)) {
            return false;
        }
        if (statusClass != 0 && r.status() / 100 != statusClass) {
            return false;
        }
        if (from != null && r.epochMillis() < from.toEpochMilli()) {
            return false;
        }
        return to == null || r.epochMillis() < to.toEpochMilli();
    }

    private static boolean contains(String name, String part) {
        return name != null && name.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** The form's value of {@code from}/{@code to} ({@code 2026-12-02T17:30:00}), or "". */
    static String inputValue(Instant t) {
        return t == null ? "" : LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
    }
}
