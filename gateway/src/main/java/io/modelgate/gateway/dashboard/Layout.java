package io.modelgate.gateway.dashboard;

import java.time.Duration;
import java.time.Instant;

/**
 * The frame every page shares: navigation, the stylesheet and htmx (both served by the dashboard itself), and
 * the live part, which htmx fetches again from the page's own address every {@code refresh} and swaps in.
 * The same address answers the whole page to a browser and only the live part to htmx ({@code HX-Request}).
 */
final class Layout {

    static final String BASE = "/dashboard/";

    private Layout() {
    }

    /**
     * @param self   the page's own address (path and query), which htmx polls
     * @param before markup above the live part that must not be replaced while one types (the audit form)
     * @param live   the live part
     */
    static String page(String title, String self, Duration refresh, Html before, Html live) {
        Html h = new Html().raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .open("title").text("modelgate · " + title).close("title")
                // htmx would add an inline <style> for its indicators, which the page's CSP refuses
                .open("meta", "name", "htmx-config", "content", "{\"includeIndicatorStyles\":false}")
                .raw("<link rel=\"stylesheet\" href=\"" + BASE + "static/dashboard.css\">")
                .raw("<script src=\"" + BASE + "static/htmx.min.js\"></script></head><body>")
                .raw("<nav><a class=\"brand\" href=\"" + BASE + "\">modelgate</a>")
                .raw("<a href=\"" + BASE + "\">Overview</a><a href=\"" + BASE + "errors\">Recent errors</a>")
                .raw("<a href=\"" + BASE + "audit\">Audit</a></nav>")
                .element("h1", title)
                .raw(before.toString())
                .open("main", "id", "live", "hx-get", self, "hx-trigger", "every " + refresh.toMillis() + "ms",
                        "hx-swap", "innerHTML")
                .raw(live.toString())
                .close("main")
                .raw("</body></html>");
        return h.toString();
    }

    /** The first line of every live part: when it was read (so a stalled page shows it). */
    static Html live() {
        return new Html().open("p", "class", "updated", "id", "updated").text("updated " + Html.time(Instant.now()))
                .close("p");
    }
}
