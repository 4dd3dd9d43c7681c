package io.modelgate.gateway.config;

import io.modelgate.gateway.config.EntrypointProperties.Web;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * modelgate's static configuration, under {@code modelgate.}. Environment variables bind by Spring's relaxed
 * rules, e.g. {@code MODELGATE_ENTRYPOINTS_WEB_PORT=9080}. Everything here needs a restart; routing is
 * dynamic and comes from the providers.
 *
 * @param entrypoints where clients connect, by name ({@code web} by default)
 * @param admin       the admin port (API, dashboard, metrics, ping)
 * @param upstream    how the gateway talks to servers
 * @param providers   where routing configuration comes from
 * @param accessLog   the JSON access log
 * @param demo        the built-in echo backend and route used when no provider is configured
 * @param sticky      session affinity settings shared by every sticky service
 * @param redis       shared state for several gateway replicas (dedicated-instance leases, rate-limit buckets)
 * @param ratelimit   how rate limits behave when their shared store fails
 * @param errors      error pages for the gateway's own errors, and how error pages are fetched
 * @param maxRequestBodyBytes default request body limit for routes whose middlewares set none (unset: no
 *                    limit); a route's {@code buffering.maxRequestBodyBytes} replaces it
 * @param shutdown    graceful drain on stop
 * @param tls         TLS settings shared by the TLS entry points
 * @param metrics     the request metrics on {@code /metrics}
 */
@Validated
@ConfigurationProperties("modelgate")
public record ModelgateProperties(
        @Valid @NotNull @DefaultValue Map<String, @Valid Web> entrypoints,
        @Valid @NotNull @DefaultValue Admin admin,
        @Valid @NotNull @DefaultValue Upstream upstream,
        @Valid @NotNull @DefaultValue Providers providers,
        @Valid @NotNull @DefaultValue AccessLogProperties accessLog,
        @Valid @NotNull @DefaultValue Demo demo,
        @Valid @NotNull @DefaultValue Sticky sticky,
        @Valid @NotNull @DefaultValue Redis redis,
        @Valid @NotNull @DefaultValue Ratelimit ratelimit,
        @Valid @NotNull @DefaultValue Errors errors,
        DataSize maxRequestBodyBytes,
        @Valid @NotNull @DefaultValue Shutdown shutdown,
        @Valid @NotNull @DefaultValue TlsSettings tls,
        @Valid @NotNull @DefaultValue Metrics metrics) {

    /**
     * @param enabled record request metrics (per entry point, router, service); off, requests record nothing
     *                and the dashboard shows no traffic — configuration and JVM metrics stay
     */
    public record Metrics(@DefaultValue("true") boolean enabled) {
    }

    /**
     * Stopping (SIGTERM, {@code docker stop}, a Swarm update): the entry points stop accepting, requests in
     * progress (and the next request on an idle connection) are answered with {@code Connection: close}, idle
     * connections close once they stayed idle for {@code idleGrace}.
     *
     * @param grace     how long requests in progress may take to finish before their connections are cut; keep
     *                  Docker's {@code stop_grace_period} above it, or the engine kills the gateway first
     * @param idleGrace how long an idle keep-alive connection stays open once the drain began: a request its
     *                  client sends meanwhile is answered (with {@code Connection: close}) instead of meeting
     *                  a closed connection; 0 closes idle connections at once
     */
    public record Shutdown(@DefaultValue("30s") @NotNull Duration grace,
                           @DefaultValue("2s") @NotNull Duration idleGrace) {
    }

    /**
     * Error pages. The same pages an {@code errors} middleware serves can answer the errors the gateway
     * produces itself (404 no route, 413, 502, 503, 504, …).
     *
     * @param service      the service serving pages, by name as routers name it ({@code error-pages@docker});
     *                     unqualified, the one service of that name in any provider. Unset: the gateway's own
     *                     errors stay short JSON or plain text
     * @param status       which of the gateway's own errors get a page: codes and ranges
     * @param query        the page's path, {@code {status}} and {@code {url}} substituted
     * @param fetchTimeout a page fetch (connect included) taking longer gives the built-in page
     */
    public record Errors(
            String service,
            @DefaultValue("400-599") @NotNull List<String> status,
            @DefaultValue("/{status}.html") @NotNull String query,
            @DefaultValue("2s") @NotNull Duration fetchTimeout) {
    }

    /**
     * Redis, for state several gateway replicas must share.
     *
     * @param url {@code redis://host:6379}; unset keeps dedicated leases in memory (one gateway replica)
     */
    public record Redis(String url) {
    }

    /**
     * Rate limits.
     *
     * @param redisFailure with {@code modelgate.redis.url} set and Redis not answering: {@code local} limits per
     *                     gateway until Redis is back, {@code deny} answers 503; both are reported in
     *                     {@code /api/problems} while they last
     */
    public record Ratelimit(@DefaultValue("local") @NotNull io.modelgate.gateway.middleware.ratelimit.RedisFailure redisFailure) {
    }

    /**
     * Session affinity.
     *
     * @param secret signs sticky cookies (HMAC-SHA256); give every gateway replica the same one so each honours
     *               the others' cookies. Unset: a random secret per process, with a warning at start.
     * @param secretFile a file holding the secret (a Docker secret, {@code MODELGATE_STICKY_SECRET_FILE}); wins over {@code secret}
     */
    public record Sticky(String secret, String secretFile) {
    }

    /**
     * TLS settings shared by every TLS entry point.
     *
     * @param provider      {@code auto} (BoringSSL through netty-tcnative where it loads, else the JDK's TLS),
     *                      {@code openssl} (the same, but a warning when it does not load) or {@code jdk}
     * @param checkInterval how often certificate files are checked for changes (a renewed certificate is served
     *                      without a restart)
     */
    public record TlsSettings(@DefaultValue("auto") @NotNull String provider,
                              @DefaultValue("2s") @NotNull Duration checkInterval) {
    }

    /**
     * The admin port: {@code /ping}, {@code /api/...}, {@code /dashboard/}, {@code /metrics}. Keep it off
     * the public network.
     *
     * @param port    TCP port of the admin server
     * @param address interface it listens on; {@code 127.0.0.1} by default (the Docker image sets {@code 0.0.0.0})
     * @param auth      who may use it; nothing set: anyone who can reach it
     * @param dashboard what the dashboard keeps in memory and how often its pages refresh
     */
    public record Admin(@DefaultValue("8081") @Min(0) @Max(65535) int port, @DefaultValue("127.0.0.1") String address,
                        @DefaultValue AdminAuth auth, @Valid @NotNull @DefaultValue Dashboard dashboard) {
    }

    /**
     * The dashboard ({@code /dashboard/}). Both rings hold references to the access-log records the gateway
     * builds anyway; a record is roughly half a kilobyte, so the defaults keep well under a megabyte.
     *
     * @param recentRequests finished requests kept for the auditor view (0: none)
     * @param recentErrors   4xx/5xx answers kept for the recent-errors page (0: none)
     * @param refresh        how often an open page fetches its live part again
     */
    public record Dashboard(@DefaultValue("1000") @Min(0) @Max(1_000_000) int recentRequests,
                            @DefaultValue("200") @Min(0) @Max(1_000_000) int recentErrors,
                            @DefaultValue("2s") @NotNull Duration refresh) {
    }

    /**
     * Authentication on the admin port ({@code /ping} stays open for health checks). Either or both may be set;
     * a request passes with any of them.
     *
     * @param htpasswdFile basic auth users (bcrypt, {@code $apr1$} or {@code {SHA}} hashes), one {@code user:hash} a line
     * @param tokenFile    a file holding one bearer token ({@code Authorization: Bearer <token>})
     */
    public record AdminAuth(String htpasswdFile, String tokenFile) {
    }

    /**
     * Upstream connections.
     *
     * @param connectTimeout    time to establish a TCP connection; a failed connect is retried on each other server, once each
     * @param responseTimeout   the server sends nothing for this long after the request (or between response
     *                          bytes): 504, or the client connection is cut if the response had begun
     * @param poolIdleTimeout   an idle pooled connection is closed after this long
     * @param maxIdlePerServer  idle keep-alive connections kept per server and event loop
     */
    public record Upstream(
            @DefaultValue("5s") @NotNull Duration connectTimeout,
            @DefaultValue("60s") @NotNull Duration responseTimeout,
            @DefaultValue("90s") @NotNull Duration poolIdleTimeout,
            @DefaultValue("64") @Min(0) int maxIdlePerServer) {
    }

    /**
     * Providers of routing configuration.
     *
     * @param file   the file provider
     * @param docker the Docker / Swarm provider
     */
    public record Providers(@Valid @NotNull @DefaultValue File file, @Valid @NotNull @DefaultValue Docker docker) {
    }

    /**
     * The Docker provider: routing from container (or Swarm service) labels, followed live.
     *
     * @param enabled          {@code true}/{@code false}, or unset for automatic: on when the endpoint is a Unix
     *                         socket that exists (or a tcp:// endpoint)
     * @param endpoint         {@code unix:///var/run/docker.sock} or {@code tcp://host:2375}
     * @param swarmMode        read Swarm services ({@code deploy.labels}) instead of containers
     * @param network          network to reach containers on when they have several and no {@code docker.network} label
     * @param exposedByDefault route containers that have no router or service label
     * @param defaultRule      rule template for implicit routers
     * @param constraints      Traefik constraint expression over labels; empty for none
     * @param labelPrefixes    label prefixes in precedence order
     * @param modelMiddlewares middlewares for routers made by the {@code modelgate.model} convention, e.g. {@code auth@file}
     * @param modelStripPrefix strip {@code /api/v1/<model>} before forwarding for the model convention
     * @param debounce         wait after an event before re-listing (at most 300 ms)
     * @param resync           safety re-list interval (containers)
     * @param swarmResync      re-list interval in Swarm mode (tasks on other nodes send no local events)
     */
    public record Docker(
            Boolean enabled,
            @DefaultValue("unix:///var/run/docker.sock") @NotNull String endpoint,
            @DefaultValue("false") boolean swarmMode,
            String network,
            @DefaultValue("false") boolean exposedByDefault,
            @DefaultValue("Host(`{{ normalize .Name }}`)") String defaultRule,
            @DefaultValue("") String constraints,
            @DefaultValue({"modelgate", "traefik"}) List<String> labelPrefixes,
            @DefaultValue List<String> modelMiddlewares,
            @DefaultValue("false") boolean modelStripPrefix,
            @DefaultValue("100ms") @NotNull Duration debounce,
            @DefaultValue("30s") @NotNull Duration resync,
            @DefaultValue("1s") @NotNull Duration swarmResync) {

        /** Whether the provider runs: as configured, else when the endpoint looks usable. */
        public boolean active() {
            if (enabled != null) {
                return enabled;
            }
            if (endpoint.startsWith("unix://")) {
                return java.nio.file.Files.exists(java.nio.file.Path.of(endpoint.substring("unix://".length())));
            }
            return endpoint.startsWith("tcp://");
        }
    }

    /**
     * The file provider: Traefik's dynamic-configuration YAML.
     *
     * @param path  a YAML file, or a directory of {@code *.yml}/{@code *.yaml} files; unset disables the provider
     * @param watch reload on change (within 2 s); a broken edit keeps the last good configuration
     */
    public record File(String path, @DefaultValue("true") boolean watch) {
    }

    /**
     * The built-in demo: an echo backend on loopback and the route {@code /api/v1/echo} to it, so a fresh
     * install answers at once.
     *
     * @param enabled {@code true}/{@code false}, or unset for automatic: on when no file provider is configured
     *                and the Docker provider is not explicitly enabled
     * @param port    loopback port of the echo backend
     */
    public record Demo(Boolean enabled, @DefaultValue("18090") @Min(1) @Max(65535) int port) {
    }
}
