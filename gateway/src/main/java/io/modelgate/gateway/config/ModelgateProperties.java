package io.modelgate.gateway.config;

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
     * An entry point ({@code modelgate.entrypoints.<name>.…}). {@code web} exists by default (port 8080, set in
     * {@code application.properties}); any other name adds one. Routers choose them by name in {@code entryPoints}.
     *
     * @param enabled          listen at all ({@code false} removes {@code web}, e.g. when only {@code websecure} is wanted)
     * @param address          address to bind; {@code 0.0.0.0} listens on every interface
     * @param port             TCP port (0 picks a free one, reported in the log)
     * @param maxHeaderBytes   largest request header block; larger gets 431 and the connection closed
     * @param maxInitialLine   longest request line; longer gets 414 and the connection closed
     * @param idleTimeout      a keep-alive connection with no request in progress for this long is closed
     * @param readTimeout      a request whose client sends nothing for this long (headers or body) gets 408
     * @param maxPipelined     requests a client may pipeline before the gateway stops reading from it
     * @param headTimeout      a request head (request line and headers) must be complete this long after its first
     *                         byte, however the bytes trickle in (slowloris); late: 408 and the connection closed; 0 for none
     * @param minBodyRate      a request body must average at least this many bytes per second over each
     *                         {@code minBodyRateWindow} while the gateway reads it (time the gateway itself pauses
     *                         reading does not count); slower: 408 and the connection closed; 0B for none
     * @param minBodyRateWindow the window the body rate is averaged over
     * @param forwardedHeaders which clients may set {@code X-Forwarded-*} themselves
     * @param tls              TLS termination on this entry point
     * @param http2            HTTP/2 (negotiated by ALPN on a TLS entry point)
     * @param http             Traefik's {@code entryPoints.<name>.http}: the entry point's redirection
     */
    public record Web(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("0.0.0.0") @NotNull String address,
            @DefaultValue("8080") @Min(0) @Max(65535) int port,
            @DefaultValue("32KB") @NotNull DataSize maxHeaderBytes,
            @DefaultValue("8KB") @NotNull DataSize maxInitialLine,
            @DefaultValue("180s") @NotNull Duration idleTimeout,
            @DefaultValue("60s") @NotNull Duration readTimeout,
            @DefaultValue("16") @Min(1) int maxPipelined,
            @DefaultValue("10s") @NotNull Duration headTimeout,
            @DefaultValue("128B") @NotNull DataSize minBodyRate,
            @DefaultValue("60s") @NotNull Duration minBodyRateWindow,
            @Valid @NotNull @DefaultValue ForwardedHeaders forwardedHeaders,
            @Valid @NotNull @DefaultValue EntrypointTls tls,
            @Valid @NotNull @DefaultValue Http2 http2,
            @Valid @NotNull @DefaultValue Http http) {
    }

    /**
     * TLS on an entry point (Traefik's {@code entryPoints.<name>.http.tls}): every router on it serves HTTPS.
     *
     * @param enabled terminate TLS; certificates and options come from the file provider's {@code tls:} section
     * @param options      TLS options ({@code name@file}) for names no router chose options for; unset: the
     *                     {@code default} options if a provider defines them, else TLS 1.2+, ALPN h2 and http/1.1
     * @param certResolver the ACME resolver of the routers on this entry point that have no {@code tls} of their
     *                     own (Traefik's {@code http.tls.certResolver}: a router's own {@code tls} replaces it whole)
     * @param domains      what that resolver orders for such routers instead of their rule's hosts
     *                     (Traefik's {@code http.tls.domains})
     */
    public record EntrypointTls(@DefaultValue("false") boolean enabled, String options, String certResolver,
                                List<TlsDomain> domains) {

        public EntrypointTls {
            domains = domains == null ? List.of() : List.copyOf(domains);
        }
    }

    /**
     * One {@code tls.domains[i]} entry of an entry point.
     *
     * @param main the certificate's subject name
     * @param sans further names on it
     */
    public record TlsDomain(String main, List<String> sans) {

        public TlsDomain {
            sans = sans == null ? List.of() : List.copyOf(sans);
        }
    }

    /**
     * HTTP/2 on a TLS entry point.
     *
     * @param enabled              offer {@code h2} by ALPN
     * @param maxConcurrentStreams streams a client may have open on one connection (Traefik's default, 250)
     */
    public record Http2(@DefaultValue("true") boolean enabled, @DefaultValue("250") @Min(1) int maxConcurrentStreams) {
    }

    /**
     * @param redirections      Traefik's {@code http.redirections}
     * @param encodedCharacters Traefik v3's {@code http.encodedCharacters}: which percent-encoded characters paths may carry
     */
    public record Http(@Valid @NotNull @DefaultValue Redirections redirections,
                       @Valid @NotNull @DefaultValue EncodedCharacters encodedCharacters) {
    }

    /**
     * Percent-encoded characters allowed in request paths; all refused (400) by default, since a backend that decodes
     * them reaches paths the gateway never routed. Encoded dot segments ({@code /%2e%2e/}) are always refused.
     *
     * @param allowEncodedSlash         {@code %2F}
     * @param allowEncodedBackSlash     {@code %5C}
     * @param allowEncodedDot           {@code %2E} inside a segment (ours; Traefik has no such option)
     * @param allowEncodedNullCharacter {@code %00}
     */
    public record EncodedCharacters(@DefaultValue("false") boolean allowEncodedSlash,
                                    @DefaultValue("false") boolean allowEncodedBackSlash,
                                    @DefaultValue("false") boolean allowEncodedDot,
                                    @DefaultValue("false") boolean allowEncodedNullCharacter) {
    }

    /** @param entryPoint redirect every request on this entry point to another one */
    public record Redirections(@Valid @NotNull @DefaultValue EntryPointRedirect entryPoint) {
    }

    /**
     * Traefik's {@code http.redirections.entryPoint}.
     *
     * @param to        the target entry point's name (its port goes in {@code Location}), or a port number; unset: none
     * @param scheme    the target scheme
     * @param permanent 301/308 rather than 302/307
     */
    public record EntryPointRedirect(String to, @DefaultValue("https") String scheme, @DefaultValue("true") boolean permanent) {
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
     * Trust for client-sent forwarding headers.
     *
     * @param trustedIps IPs or CIDRs (e.g. a load balancer in front) whose {@code X-Forwarded-*} headers are
     *                   kept and appended to; from everyone else they are replaced
     */
    public record ForwardedHeaders(@DefaultValue List<String> trustedIps) {
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
