package io.modelgate.gateway.health;

import io.modelgate.discovery.config.HealthCheckSpec;
import io.modelgate.gateway.lb.HealthChecks.Target;
import io.modelgate.gateway.lb.UpstreamServer;
import io.modelgate.gateway.net.ClientTls;
import io.modelgate.gateway.net.HttpGet;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The periodic check of one server: a GET on its event loop every {@code interval} (every
 * {@code unhealthyInterval} while it fails), the first one at once. Healthy is Traefik's rule: the configured
 * status, else any 2xx or 3xx; a connect error, a timeout or any other status is a failure. Redirects are
 * followed (up to {@link #MAX_REDIRECTS}) only to the same server: a check never leaves it.
 */
final class ServerCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ServerCheck.class);
    static final int MAX_REDIRECTS = 5;
    private static final int MAX_BODY = 1 << 20;

    private final Target target;
    private final HttpGet http;
    private final EventLoop loop;
    private volatile boolean stopped;
    private volatile ScheduledFuture<?> next;

    ServerCheck(Target target, HttpGet http, EventLoop loop) {
        this.target = target;
        this.http = http;
        this.loop = loop;
    }

    Target target() {
        return target;
    }

    void start() {
        loop.execute(this::check);
    }

    void stop() {
        stopped = true;
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }

    private void check() {
        if (!stopped) {
            send(target.spec().path(), 0);
        }
    }

    private void send(String pathAndQuery, int redirects) {
        http.get(loop, request(target.server(), target.spec(), pathAndQuery)).whenComplete((r, error) -> {
            if (stopped) {
                return;
            }
            if (error != null) {
                done(false, error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
                return;
            }
            String location = r.headers().get(HttpHeaderNames.LOCATION);
            if (target.spec().followRedirects() && r.status() >= 300 && r.status() < 400 && location != null) {
                String same = sameServer(location);
                if (same == null || redirects >= MAX_REDIRECTS) {
                    done(false, "redirected to " + location + (same == null ? " (another server)" : " (too many redirects)"));
                } else {
                    send(same, redirects + 1);
                }
                return;
            }
            done(target.spec().healthy(r.status()), "status " + r.status());
        });
    }

    private void done(boolean healthy, String why) {
        if (target.state().checked(healthy, why)) {
            if (healthy) {
                LOG.info("server {} of {} passes its health check again", target.server(), target.service());
            } else {
                LOG.warn("server {} of {} fails its health check ({}): it gets no new requests", target.server(),
                        target.service(), why);
            }
        }
        if (!stopped) {
            long delay = (healthy ? target.spec().interval() : target.spec().unhealthyInterval()).toNanos();
            next = loop.schedule(this::check, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** A relative redirect, or an absolute one to the checked host: its path and query; else null. */
    private String sameServer(String location) {
        try {
            URI u = URI.create(location);
            if (u.getHost() != null && !u.getHost().equalsIgnoreCase(target.server().host())) {
                return null;
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            if (!path.startsWith("/")) {
                return null; // relative to the current path: rare for health endpoints, not worth resolving
            }
            return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The check's request: the server's address unless the spec names another port, scheme or host name. */
    static HttpGet.Request request(UpstreamServer server, HealthCheckSpec spec, String pathAndQuery) {
        boolean tls = spec.scheme() == null ? server.tls() : spec.scheme().equals("https");
        int port = spec.port() != 0 ? spec.port() : server.port();
        String hostHeader = spec.hostname() != null ? spec.hostname()
                : spec.port() == 0 ? server.hostHeader() : server.host() + ":" + port;
        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.USER_AGENT, "modelgate-healthcheck");
        spec.headers().forEach(headers::set);
        String path = pathAndQuery.equals(spec.path()) ? server.basePath() + pathAndQuery : pathAndQuery;
        return new HttpGet.Request(server.host(), port, tls ? ClientTls.defaults() : null, hostHeader, path, headers,
                spec.timeout().toMillis(), MAX_BODY);
    }
}
