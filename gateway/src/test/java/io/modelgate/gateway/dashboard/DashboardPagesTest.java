package io.modelgate.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.config.LoadBalancerSpec;
import io.modelgate.discovery.config.RouterSpec;
import io.modelgate.discovery.config.RoutingConfig;
import io.modelgate.discovery.config.ServerSpec;
import io.modelgate.discovery.config.ServiceSpec;
import io.modelgate.discovery.config.StickySpec;
import io.modelgate.discovery.config.StripPrefixSpec;
import io.modelgate.gateway.accesslog.JsonLineEncoder;
import io.modelgate.gateway.accesslog.RecentRequests;
import io.modelgate.gateway.accesslog.RecordRingTest;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import io.modelgate.gateway.metrics.RequestMetrics;
import io.modelgate.gateway.metrics.TrafficMeters;
import io.modelgate.gateway.runtime.RuntimeConfig;
import io.modelgate.gateway.runtime.RuntimeConfigCompiler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The view models read from a compiled configuration and real meters, and the pages rendered from them:
 * problems first, counts, chains, servers, traffic; whatever came from labels or requests is escaped.
 */
class DashboardPagesTest {

    private static final String SCRIPT = "<script>alert('x')</script>";

    private final RequestMetrics metrics = new RequestMetrics(new SimpleMeterRegistry(), RequestMetrics.DEFAULT_BUCKETS);
    private final RuntimeConfigCompiler compiler = new RuntimeConfigCompiler(Set.of("web"),
            new StickyCookies("test-secret-0123456789".getBytes(StandardCharsets.UTF_8))).withMetrics(metrics);
    private final AtomicLong clock = new AtomicLong();

    private RuntimeConfig config() {
        Map<String, RouterSpec> routers = new LinkedHashMap<>();
        routers.put("m", new RouterSpec("PathPrefix(`/m`)", null, List.of("strip"), "s", List.of()));
        routers.put("broken", new RouterSpec("PathPrefix(`/b`)", null, List.of(), "missing", List.of()));
        routers.put("evil", new RouterSpec("Host(`" + SCRIPT + "`)", null, List.of(), "nope" + SCRIPT, List.of()));
        routers.put("ded", new RouterSpec("PathPrefix(`/d`)", null, List.of(), "d", List.of()));
        Map<String, ServiceSpec> services = Map.of(
                "s", new ServiceSpec(new LoadBalancerSpec(List.of(ServerSpec.of("http://127.0.0.1:9001"),
                        ServerSpec.of("http://127.0.0.1:9002")), true)),
                "d", new ServiceSpec(new LoadBalancerSpec(List.of(ServerSpec.of("http://127.0.0.1:9003")), true,
                        new StickySpec(null, "user", true, null))));
        return compiler.compile(List.of(new ProviderSnapshot("file", new RoutingConfig(routers, services,
                Map.of("strip", new StripPrefixSpec(List.of("/m"))), Map.of("router:m", "routes.yml:3")), List.of())));
    }

    private DashboardModel model(RuntimeConfig c, List<Problem> live) {
        return new DashboardModel(new DashboardModel.Sources(() -> c, () -> 7L, () -> 1_764_696_600_000L, () -> live,
                () -> Map.of("web", 8080), metrics), new TrafficRates(clock::get));
    }

    @Test
    void overviewCountsAndPutsProblemsFirst() {
        RuntimeConfig c = config();
        var o = model(c, List.of(new Problem("redis", "redis", "", "Redis stopped answering"))).overview();
        assertThat(o.generation()).isEqualTo(7);
        assertThat(o.routerCounts()).isEqualTo(new DashboardViews.Counts(2, 0, 2));
        assertThat(o.problems()).extracting(Problem::message)
                .contains("service missing@file does not exist").last().isEqualTo("Redis stopped answering");
        assertThat(o.entrypoints()).singleElement().extracting(DashboardViews.EntrypointRow::port).isEqualTo(8080);
        String html = StatePages.overview(o).toString();
        assertThat(html.indexOf("id=\"problems\"")).as("problems come before everything else")
                .isLessThan(html.indexOf("id=\"entrypoints\"")).isLessThan(html.indexOf("id=\"routers\""));
        assertThat(html).contains("Routers (2 enabled, 0 warning, 2 disabled)")
                .contains("<a href=\"/dashboard/routers/m%40file\">m@file</a>")
                .contains("<a href=\"/dashboard/services/s%40file\">s@file</a>");
    }

    @Test
    void aLabelWithScriptIsShownEscapedNeverAsMarkup() {
        RuntimeConfig c = config();
        DashboardModel model = model(c, List.of(new Problem("docker", "container " + SCRIPT, "label " + SCRIPT, SCRIPT)));
        String overview = StatePages.overview(model.overview()).toString();
        String router = StatePages.router(model.router("evil@file")).toString();
        for (String html : List.of(overview, router)) {
            assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        }
        String page = Layout.page("Router " + SCRIPT, "/dashboard/routers/x?q=\"><script>", Duration.ofSeconds(2),
                new Html(), new Html());
        assertThat(page.split("<script", -1)).as("only the page's own htmx script tag").hasSize(2);
        assertThat(page).contains("hx-get=\"/dashboard/routers/x?q=&quot;&gt;&lt;script&gt;\"");
    }

    @Test
    void routerPageHasRuleChainServiceServersAndTraffic() {
        RuntimeConfig c = config();
        DashboardModel model = model(c, List.of());
        var r = model.router("m@file");
        assertThat(r.middlewares()).containsExactly("strip@file");
        assertThat(r.entryPoints()).containsExactly("web");
        assertThat(r.service().servers()).extracting(DashboardViews.ServerRow::url, DashboardViews.ServerRow::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http://127.0.0.1:9001", "up"),
                        org.assertj.core.groups.Tuple.tuple("http://127.0.0.1:9002", "up"));
        model.router("m@file"); // a first look at the meters
        var meters = metrics.route("m@file", "s@file");
        for (int i = 0; i < 8; i++) {
            meters.record(0, 200, TrafficMeters.method("GET"), TrafficMeters.PROTOCOL_HTTP, 20_000_000, 0, 10, 1);
        }
        meters.record(0, 502, TrafficMeters.method("GET"), TrafficMeters.PROTOCOL_HTTP, 20_000_000, 0, 10, 1);
        meters.record(0, 503, TrafficMeters.method("GET"), TrafficMeters.PROTOCOL_HTTP, 20_000_000, 0, 10, 1);
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        r = model.router("m@file");
        assertThat(r.row().traffic().total()).isEqualTo(10);
        assertThat(r.row().traffic().perSecond()).isEqualTo(2.0);
        assertThat(r.row().traffic().errorRatio()).isEqualTo(0.2);
        String html = StatePages.router(r).toString();
        assertThat(html).contains("<ol class=\"chain\" id=\"chain\"><li>strip@file</li></ol>")
                .contains("<tr data-url=\"http://127.0.0.1:9001\">").contains("state state-up")
                .contains("<td>2.00</td>").contains("20.0 %");
        assertThat(model.router("nope@file")).isNull();
    }

    @Test
    void servicePageShowsBalancingAndDedicatedLeases() {
        var s = model(config(), List.of()).service("d@file");
        assertThat(s.balancing()).isEqualTo("dedicated instance per user");
        assertThat(s.leases()).isZero();
        assertThat(s.admission()).isNull();
        assertThat(StatePages.service(s).toString()).contains("<th>dedicated leases</th><td>0</td>");
        assertThat(model(config(), List.of()).service("s@file").leases()).as("no leases to count").isEqualTo(-1);
    }

    @Test
    void recordPagesEscapeAndRedactWhatCameFromRequests() {
        RecentRequests recent = new RecentRequests(10, 10);
        var evil = new io.modelgate.gateway.accesslog.AccessLogRecord(1_764_696_600_000L, "web", "127.0.0.1", "GET",
                "h", "/m?api_key=secret&q=" + SCRIPT, "HTTP/1.1", 502, 502, 3, 2, 0, 0, "m@file", "s@file",
                "http://127.0.0.1:9001", "req-1", "al<i>ce", null, List.of(), null, 0);
        recent.log(evil);
        recent.log(RecordRingTest.record(1_764_696_601_000L, 200, "m@file", "bob"));
        RecordPages pages = new RecordPages(new JsonLineEncoder(List.of("api_key"))::redact);
        String errors = pages.errors(recent.errors()).toString();
        assertThat(errors).doesNotContain("<script").doesNotContain("secret").contains("api_key=REDACTED")
                .contains("al&lt;i&gt;ce").contains("<code>req-1</code>");
        String audit = pages.audit(recent.all(), AuditFilter.parse(Map.of("user", "bob"))).toString();
        assertThat(audit).contains("<td>bob</td>").doesNotContain("al&lt;i&gt;ce").contains("1 matching of the last 2");
        String form = RecordPages.auditForm(AuditFilter.parse(Map.of("user", "\"><script>", "status", "5xx"))).toString();
        assertThat(form).doesNotContain("<script").contains("value=\"&quot;&gt;&lt;script&gt;\"")
                .contains("<option value=\"5xx\" selected=\"selected\">5xx</option>");
    }
}
