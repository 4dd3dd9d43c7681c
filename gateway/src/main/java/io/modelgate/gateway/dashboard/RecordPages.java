package io.modelgate.gateway.dashboard;

import io.modelgate.gateway.accesslog.AccessLogRecord;
import io.modelgate.gateway.accesslog.RecordRing;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The recent-errors page and the auditor's view: tables of access records from the in-memory rings, newest
 * first. URIs are shown as the access log writes them (secret query values redacted).
 */
final class RecordPages {

    /** Rows an auditor page shows at most; the ring may hold more (narrow the filter). */
    static final int MAX_ROWS = 500;

    private final UnaryOperator<String> redact;

    /** @param redact the access log's redaction of secret query values */
    RecordPages(UnaryOperator<String> redact) {
        this.redact = redact;
    }

    Html errors(RecordRing ring) {
        List<AccessLogRecord> records = ring.newestFirst(r -> true, MAX_ROWS);
        Html h = Layout.live();
        h.open("p").text(records.size() + " most recent 4xx/5xx answers (" + ring.added() + " since start, the last "
                + ring.capacity() + " kept)").close("p");
        h.raw("<table id=\"errors\">")
                .head("time", "status", "method", "host", "uri", "router", "server", "user", "request id").raw("<tbody>");
        for (AccessLogRecord r : records) {
            h.raw("<tr>").cell(Html.time(r.epochMillis())).cell(r.status(), r.status() >= 500 ? "disabled" : "warning")
                    .cell(r.method()).cell(r.host()).cell(redact.apply(r.uri())).cell(r.router()).cell(r.serverUrl())
                    .cell(r.user()).open("td").element("code", r.requestId()).close("td").raw("</tr>");
        }
        return h.raw("</tbody></table>");
    }

    /** The filter form: outside the live part, so polling never resets what one is typing. */
    static Html auditForm(AuditFilter f) {
        Html h = new Html().raw("<form id=\"audit-filter\" method=\"get\" action=\"" + Layout.BASE + "audit\">");
        input(h, "user", "user", f.user(), "text");
        input(h, "model (router or service)", "model", f.model(), "text");
        h.raw("<label>status <select name=\"status\">");
        String current = f.statusClass() == 0 ? "" : f.statusClass() + "xx";
        for (String option : new String[] {"", "1xx", "2xx", "3xx", "4xx", "5xx"}) {
            if (option.equals(current)) {
                h.open("option", "value", option, "selected", "selected");
            } else {
                h.open("option", "value", option);
            }
            h.text(option.isEmpty() ? "any" : option).close("option");
        }
        h.raw("</select></label>");
        input(h, "from (UTC)", "from", AuditFilter.inputValue(f.from()), "datetime-local");
        input(h, "to (UTC)", "to", AuditFilter.inputValue(f.to()), "datetime-local");
        return h.raw("<button type=\"submit\">Filter</button></form>");
    }

    private static void input(Html h, String label, String name, String value, String type) {
        h.open("label").text(label + " ");
        if (type.equals("datetime-local")) {
            h.open("input", "type", type, "name", name, "value", value, "step", "1"); // seconds too
        } else {
            h.open("input", "type", type, "name", name, "value", value);
        }
        h.close("label");
    }

    Html audit(RecordRing ring, AuditFilter f) {
        List<AccessLogRecord> records = ring.newestFirst(f, MAX_ROWS);
        Html h = Layout.live();
        for (String error : f.errors()) {
            h.open("p", "class", "disabled").text(error + " (ignored)").close("p");
        }
        h.open("p", "id", "audit-count").text(records.size() + (records.size() == MAX_ROWS ? "+" : "")
                + " matching of the last " + Math.min(ring.added(), ring.capacity()) + " requests kept ("
                + ring.capacity() + " at most; the access log file has them all)").close("p");
        h.raw("<table id=\"records\">").head("time", "user", "token", "method", "host", "uri", "router", "service",
                "server", "status", "duration", "request id").raw("<tbody>");
        for (AccessLogRecord r : records) {
            h.raw("<tr>").cell(Html.time(r.epochMillis())).cell(r.user()).cell(r.tokenId()).cell(r.method())
                    .cell(r.host()).cell(redact.apply(r.uri())).cell(r.router()).cell(r.service()).cell(r.serverUrl())
                    .cell(r.status(), r.status() >= 500 ? "disabled" : r.status() >= 400 ? "warning" : "")
                    .cell(Html.millis(r.durationMs() / 1000)).open("td").element("code", r.requestId()).close("td")
                    .raw("</tr>");
        }
        return h.raw("</tbody></table>");
    }
}
