package io.modelgate.gateway.dashboard;

import io.modelgate.discovery.Problem;
import io.modelgate.gateway.dashboard.DashboardViews.Counts;
import io.modelgate.gateway.dashboard.DashboardViews.EntrypointRow;
import io.modelgate.gateway.dashboard.DashboardViews.MiddlewareRow;
import io.modelgate.gateway.dashboard.DashboardViews.Overview;
import io.modelgate.gateway.dashboard.DashboardViews.RouterDetail;
import io.modelgate.gateway.dashboard.DashboardViews.RouterRow;
import io.modelgate.gateway.dashboard.DashboardViews.ServerRow;
import io.modelgate.gateway.dashboard.DashboardViews.ServiceDetail;
import io.modelgate.gateway.dashboard.DashboardViews.ServiceRow;
import java.util.List;

/** The live parts of the overview, router and service pages. */
final class StatePages {

    private static final String[] TRAFFIC = {"requests", "req/s", "5xx", "p50", "p99"};

    private StatePages() {
    }

    static Html overview(Overview o) {
        Html h = Layout.live();
        h.open("p", "id", "generation").text("configuration #" + o.generation() + ", applied " + Html.time(o.lastApplied()))
                .close("p");
        h.open("section", "id", "problems-section").element("h2", "Problems (" + o.problems().size() + ")");
        if (o.problems().isEmpty()) {
            h.open("p", "class", "ok").text("No configuration problems.").close("p");
        } else {
            h.raw("<table id=\"problems\">").head("provider", "element", "origin", "message").raw("<tbody>");
            for (Problem p : o.problems()) {
                h.raw("<tr class=\"problem\">").cell(p.provider()).cell(p.element()).cell(p.origin()).cell(p.message())
                        .raw("</tr>");
            }
            h.raw("</tbody></table>");
        }
        h.close("section");
        h.element("h2", "Entry points").raw("<table id=\"entrypoints\">").head(columns("name", "port")).raw("<tbody>");
        for (EntrypointRow e : o.entrypoints()) {
            h.raw("<tr>").cell(e.name()).cell(e.port() < 0 ? "–" : Integer.toString(e.port()));
            traffic(h, e.traffic()).raw("</tr>");
        }
        h.raw("</tbody></table>");
        h.element("h2", "Routers " + counts(o.routerCounts()));
        routers(h, o.routers());
        h.element("h2", "Services " + counts(o.serviceCounts()));
        h.raw("<table id=\"services\">").head(columns("name", "servers up", "status")).raw("<tbody>");
        for (ServiceRow s : o.services()) {
            h.raw("<tr>").raw("<td>").link(Layout.BASE + "services/" + Html.segment(s.name()), s.name()).raw("</td>")
                    .cell(s.usable() + " / " + s.servers(), s.usable() < s.servers() ? "warning" : "");
            status(h, s.status(), s.errors());
            traffic(h, s.traffic()).raw("</tr>");
        }
        h.raw("</tbody></table>");
        h.element("h2", "Middlewares " + counts(o.middlewareCounts()));
        h.raw("<table id=\"middlewares\">").head("name", "type", "used by", "status").raw("<tbody>");
        for (MiddlewareRow m : o.middlewares()) {
            h.raw("<tr>").cell(m.name()).cell(m.type()).cell(String.join(", ", m.usedBy()));
            status(h, m.status(), m.errors()).raw("</tr>");
        }
        return h.raw("</tbody></table>");
    }

    static Html router(RouterDetail r) {
        Html h = Layout.live();
        h.raw("<table class=\"facts\" id=\"router\"><tbody>");
        fact(h, "rule", r.row().rule());
        fact(h, "entry points", String.join(", ", r.entryPoints()));
        fact(h, "priority", r.priority());
        h.raw("<tr><th>middlewares</th><td><ol class=\"chain\" id=\"chain\">");
        for (String m : r.middlewares()) {
            h.element("li", m);
        }
        h.raw("</ol></td></tr><tr><th>service</th><td>");
        if (r.row().service() != null) {
            h.link(Layout.BASE + "services/" + Html.segment(r.row().service()), r.row().service());
        }
        h.raw("</td></tr><tr><th>status</th>");
        status(h, r.row().status(), r.row().errors()).raw("</tr>");
        fact(h, "provider", r.provider());
        fact(h, "defined in", r.origin());
        h.raw("</tbody></table>");
        h.element("h2", "Traffic").raw("<table id=\"traffic\">").head(TRAFFIC).raw("<tbody><tr>");
        traffic(h, r.row().traffic()).raw("</tr></tbody></table>");
        if (r.service() != null) {
            h.element("h2", "Servers of " + r.service().row().name());
            servers(h, r.service());
        }
        return h;
    }

    static Html service(ServiceDetail s) {
        Html h = Layout.live();
        h.raw("<table class=\"facts\" id=\"service\"><tbody>");
        fact(h, "balancing", s.balancing());
        if (s.leases() >= 0) {
            fact(h, "dedicated leases", s.leases());
        }
        if (s.admission() != null) {
            var a = s.admission();
            fact(h, "admission", "max " + a.maxInFlight() + " in flight per server, queue " + a.queued() + " / "
                    + a.queueSize() + " (timeout " + a.queueTimeout() + "), " + a.timedOut() + " timed out, "
                    + a.refusedFull() + " refused (queue full)");
        }
        fact(h, "used by", String.join(", ", s.usedBy()));
        h.raw("<tr><th>status</th>");
        status(h, s.row().status(), s.row().errors()).raw("</tr>");
        fact(h, "provider", s.provider());
        fact(h, "defined in", s.origin());
        h.raw("</tbody></table>");
        h.element("h2", "Traffic").raw("<table id=\"traffic\">").head(TRAFFIC).raw("<tbody><tr>");
        traffic(h, s.row().traffic()).raw("</tr></tbody></table>");
        h.element("h2", "Servers (" + s.row().usable() + " of " + s.row().servers() + " take requests)");
        return servers(h, s);
    }

    private static void routers(Html h, List<RouterRow> routers) {
        h.raw("<table id=\"routers\">").head(columns("name", "rule", "service", "status")).raw("<tbody>");
        for (RouterRow r : routers) {
            h.raw("<tr>").raw("<td>").link(Layout.BASE + "routers/" + Html.segment(r.name()), r.name()).raw("</td>")
                    .open("td").element("code", r.rule()).close("td").raw("<td>");
            if (r.service() != null) {
                h.link(Layout.BASE + "services/" + Html.segment(r.service()), r.service());
            }
            h.raw("</td>");
            status(h, r.status(), r.errors());
            traffic(h, r.traffic()).raw("</tr>");
        }
        h.raw("</tbody></table>");
    }

    private static Html servers(Html h, ServiceDetail s) {
        boolean queues = s.admission() != null;
        h.raw("<table id=\"servers\">").head(queues
                ? new String[] {"url", "weight", "state", "in flight", "queued", "ejected until", "last check"}
                : new String[] {"url", "weight", "state", "in flight", "ejected until", "last check"}).raw("<tbody>");
        for (ServerRow r : s.servers()) {
            h.open("tr", "data-url", r.url()).cell(r.url()).cell(r.weight())
                    .open("td", "class", "state state-" + r.state()).text(r.state()).close("td").cell(r.inFlight());
            if (queues) {
                h.cell(r.queued());
            }
            h.cell(r.ejectedUntil() == null ? "" : Html.time(r.ejectedUntil())).cell(r.lastCheck()).raw("</tr>");
        }
        if (s.servers().isEmpty()) {
            h.raw("<tr><td colspan=\"7\">no servers (the service is disabled)</td></tr>");
        }
        return h.raw("</tbody></table>");
    }

    private static Html traffic(Html h, Traffic t) {
        String over = t.windowSeconds() > 0 ? "over the last " + Math.round(t.windowSeconds()) + " s" : "since start";
        return h.cell(t.total()).cell(Html.rate(t.perSecond()))
                .open("td", "title", over).text(Html.percent(t.errorRatio())).close("td")
                .open("td", "title", over).text(Html.millis(t.p50())).close("td")
                .open("td", "title", over).text(Html.millis(t.p99())).close("td");
    }

    private static Html status(Html h, String status, List<String> errors) {
        return h.open("td", "class", status).text(errors.isEmpty() ? status : status + ": " + String.join("; ", errors))
                .close("td");
    }

    private static void fact(Html h, String name, Object value) {
        h.raw("<tr>").element("th", name).cell(value).raw("</tr>");
    }

    private static String counts(Counts c) {
        return "(" + c.enabled() + " enabled, " + c.warning() + " warning, " + c.disabled() + " disabled)";
    }

    private static String[] columns(String... first) {
        String[] all = new String[first.length + TRAFFIC.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(TRAFFIC, 0, all, first.length, TRAFFIC.length);
        return all;
    }
}
