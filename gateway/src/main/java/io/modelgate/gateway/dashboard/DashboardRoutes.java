package io.modelgate.gateway.dashboard;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import io.modelgate.gateway.accesslog.JsonLineEncoder;
import io.modelgate.gateway.accesslog.RecentRequests;
import io.modelgate.gateway.config.ModelgateProperties;
import io.modelgate.gateway.metrics.RequestMetrics;
import io.modelgate.gateway.proxy.EntrypointServer;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import io.modelgate.gateway.status.LiveProblems;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The dashboard's addresses on the admin port: {@code /dashboard/} (overview), {@code /dashboard/routers/{name}},
 * {@code /dashboard/services/{name}}, {@code /dashboard/errors}, {@code /dashboard/audit}, and its two static
 * files. Pages are small and built from memory, so they are rendered on the admin server's event loop.
 */
@Configuration(proxyBeanMethods = false)
public class DashboardRoutes {

    /** No inline script or style, nothing from elsewhere: a label that slipped through escaping could not run. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final String HTMX = htmxPath();

    @Bean
    RouterFunction<ServerResponse> dashboard(RuntimeConfigHolder configs, LiveProblems live, RequestMetrics metrics,
                                             EntrypointServer entrypoints, RecentRequests recent,
                                             ModelgateProperties props) {
        DashboardModel model = new DashboardModel(new DashboardModel.Sources(configs::current, configs::generation,
                configs::lastAppliedMillis, live::all, () -> ports(entrypoints), metrics),
                new TrafficRates(System::nanoTime));
        RecordPages records = new RecordPages(new JsonLineEncoder(props.accessLog().redactQueryParams())::redact);
        Duration refresh = props.admin().dashboard().refresh();
        return route(GET("/dashboard"), req -> ServerResponse.permanentRedirect(URI.create(Layout.BASE)).build())
                .andRoute(GET("/dashboard/"), req -> page(req, refresh, "Overview", new Html(),
                        StatePages.overview(model.overview())))
                .andRoute(GET("/dashboard/routers/{name}"), req -> {
                    var r = model.router(req.pathVariable("name"));
                    return r == null ? missing(req, refresh, "router", req.pathVariable("name"))
                            : page(req, refresh, "Router " + r.row().name(), new Html(), StatePages.router(r));
                })
                .andRoute(GET("/dashboard/services/{name}"), req -> {
                    var s = model.service(req.pathVariable("name"));
                    return s == null ? missing(req, refresh, "service", req.pathVariable("name"))
                            : page(req, refresh, "Service " + s.row().name(), new Html(), StatePages.service(s));
                })
                .andRoute(GET("/dashboard/errors"), req -> page(req, refresh, "Recent errors", new Html(),
                        records.errors(recent.errors())))
                .andRoute(GET("/dashboard/audit"), req -> {
                    AuditFilter filter = AuditFilter.parse(req.queryParams().toSingleValueMap());
                    return page(req, refresh, "Audit: recent requests", RecordPages.auditForm(filter),
                            records.audit(recent.all(), filter));
                })
                .andRoute(GET("/dashboard/static/dashboard.css"), req -> asset("dashboard/dashboard.css", "text/css"))
                .andRoute(GET("/dashboard/static/htmx.min.js"), req -> asset(HTMX, "text/javascript"));
    }

    /** The whole page to a browser, only the live part to htmx's polling. */
    private static Mono<ServerResponse> page(ServerRequest req, Duration refresh, String title, Html before, Html live) {
        return html(req, HttpStatus.OK, refresh, title, before, live);
    }

    private static Mono<ServerResponse> missing(ServerRequest req, Duration refresh, String kind, String name) {
        Html live = Layout.live().open("p", "class", "disabled").text("There is no " + kind + " named " + name
                + " (any more).").close("p");
        return html(req, HttpStatus.NOT_FOUND, refresh, "No such " + kind, new Html(), live);
    }

    private static Mono<ServerResponse> html(ServerRequest req, HttpStatus status, Duration refresh, String title,
                                             Html before, Html live) {
        boolean fragment = req.headers().firstHeader("HX-Request") != null;
        String query = req.uri().getRawQuery();
        String self = req.path() + (query == null ? "" : "?" + query);
        String body = fragment ? live.toString() : Layout.page(title, self, refresh, before, live);
        return ServerResponse.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore()).header("Vary", "HX-Request")
                .header("Content-Security-Policy", CSP).header("X-Content-Type-Options", "nosniff")
                .bodyValue(body);
    }

    private static Mono<ServerResponse> asset(String path, String type) {
        return ServerResponse.ok().contentType(MediaType.parseMediaType(type))
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1))).header("X-Content-Type-Options", "nosniff")
                .bodyValue(new ClassPathResource(path));
    }

    private static Map<String, Integer> ports(EntrypointServer server) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : server.entrypointNames()) {
            int port;
            try {
                port = server.port(name);
            } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
                port = -1; // not listening (stopping, or not started yet)
            }
            ports.put(name, port);
        }
        return ports;
    }

    /** Where the htmx WebJar keeps its script; its version is read from the jar, so only the pom names it. */
    private static String htmxPath() {
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars.npm/htmx.org/pom.properties").getInputStream()) {
            Properties p = new Properties();
            p.load(in);
            return "META-INF/resources/webjars/htmx.org/" + p.getProperty("version") + "/dist/htmx.min.js";
        } catch (IOException e) {
            throw new UncheckedIOException("the htmx WebJar (org.webjars.npm:htmx.org) is not on the class path", e);
        }
    }
}
