package io.modelgate.gateway.traefik;

import io.modelgate.gateway.traefik.TraefikOption.Mapper;
import io.modelgate.gateway.traefik.TraefikOption.Support;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Every Traefik static option modelgate knows, in one table: what it maps to, or why it does not. The
 * migration guide ({@code docs/migrating-from-traefik.md}) is tested against {@link #ALL}. Patterns are
 * Traefik's keys in lower case ({@code entrypoints.<n>.address}); values are checked by {@link TraefikValues}.
 */
final class TraefikOptions {

    private TraefikOptions() {
    }

    /** Traefik's top-level option names: an argument starting with one of them is Traefik's, not Spring's. */
    static final Set<String> ROOTS = Set.of("entrypoints", "providers", "api", "accesslog", "log", "metrics",
            "certificatesresolvers", "ping", "tracing", "serverstransport", "tcpserverstransport", "global",
            "hostresolver", "experimental", "pilot", "core", "spiffe", "ocsp", "configfile");

    private static final String EP = "modelgate.entrypoints.";
    private static final String DOCKER = "modelgate.providers.docker.";
    private static final String CR = "modelgate.certificates-resolvers.";

    static final List<TraefikOption> ALL = build();

    /** The option {@code key} (lower case, Traefik's form) is, or null if Traefik has no such option. */
    static TraefikOption find(String key) {
        for (TraefikOption o : ALL) {
            if (o.match(key) != null) {
                return o;
            }
        }
        return null;
    }

    private static List<TraefikOption> build() {
        List<TraefikOption> t = new ArrayList<>();
        // ---- entry points
        t.add(new TraefikOption("entrypoints.<n>.address", Support.SUPPORTED, "`traefik` is the admin port (API, dashboard, "
                + "/ping, /metrics); `/udp` is refused", TraefikValues::address));
        t.add(same("entrypoints.<n>.http.redirections.entrypoint.to", n -> EP + n.get(0) + ".http.redirections.entry-point.to"));
        t.add(same("entrypoints.<n>.http.redirections.entrypoint.scheme", n -> EP + n.get(0) + ".http.redirections.entry-point.scheme"));
        t.add(bool("entrypoints.<n>.http.redirections.entrypoint.permanent", n -> EP + n.get(0) + ".http.redirections.entry-point.permanent"));
        t.add(refused("entrypoints.<n>.http.redirections.entrypoint.priority", "the redirection router's priority is fixed (2147483646)"));
        t.add(different("entrypoints.<n>.http.tls", "modelgate terminates TLS per entry point: this makes the entry point a TLS one",
                (n, v, o) -> o.set(EP + n.get(0) + ".tls.enabled", TraefikValues.bool(v))));
        t.add(same("entrypoints.<n>.http.tls.options", n -> EP + n.get(0) + ".tls.options"));
        t.add(refused("entrypoints.<n>.http.tls.certresolver", "a default resolver per entry point: set "
                + "tls.certresolver on the routers (docs/acme.md)"));
        t.add(refused("entrypoints.<n>.http.tls.domains*", "set tls.domains on the routers that name the resolver"));
        t.add(refused("entrypoints.<n>.http.middlewares", "entry-point middlewares: put the middlewares on the routers"));
        t.add(refused("entrypoints.<n>.http.encodequerysemicolons", "semicolons in queries are passed on as they are"));
        t.add(refused("entrypoints.<n>.http.sanitizepath", "paths are always normalized (dot segments removed)"));
        t.add(refused("entrypoints.<n>.http.maxheaderbytes", "set modelgate.entrypoints.<name>.max-header-bytes"));
        t.add(different("entrypoints.<n>.forwardedheaders.trustedips", "the same list; `X-Forwarded-*` from others are replaced",
                (n, v, o) -> o.set(EP + n.get(0) + ".forwarded-headers.trusted-ips", TraefikValues.list(v))));
        t.add(different("entrypoints.<n>.forwardedheaders.insecure", "trusts every client: 0.0.0.0/0 and ::/0",
                (n, v, o) -> {
                    if (TraefikValues.bool(v).equals("true")) {
                        o.set(EP + n.get(0) + ".forwarded-headers.trusted-ips", "0.0.0.0/0,::/0");
                    }
                }));
        t.add(refused("entrypoints.<n>.forwardedheaders.connection", "Connection-listed headers are always removed (hop-by-hop)"));
        t.add(duration("entrypoints.<n>.transport.respondingtimeouts.idletimeout", n -> EP + n.get(0) + ".idle-timeout"));
        t.add(different("entrypoints.<n>.transport.respondingtimeouts.readtimeout", "the time a client may send nothing "
                + "while its request is due (Traefik: the whole request)", (n, v, o) -> o.set(EP + n.get(0) + ".read-timeout", TraefikValues.duration(v))));
        t.add(refused("entrypoints.<n>.transport.respondingtimeouts.writetimeout", "responses stream for as long as the server sends "
                + "(modelgate.upstream.response-timeout bounds the gaps)"));
        t.add(different("entrypoints.<n>.transport.lifecycle.gracetimeout", "one grace for every entry point "
                + "(modelgate.shutdown.grace; the largest given wins)", TraefikValues::graceTimeout));
        t.add(refused("entrypoints.<n>.transport.lifecycle.requestacceptgracetimeout", "the gateway stops accepting at SIGTERM"));
        t.add(refused("entrypoints.<n>.transport.keepalivemaxrequests", "keep-alive connections are not capped by count"));
        t.add(refused("entrypoints.<n>.transport.keepalivemaxtime", "keep-alive connections are not capped by age"));
        t.add(same("entrypoints.<n>.http2.maxconcurrentstreams", n -> EP + n.get(0) + ".http2.max-concurrent-streams"));
        t.add(refused("entrypoints.<n>.http3*", "HTTP/3 is not supported"));
        t.add(refused("entrypoints.<n>.proxyprotocol*", "the PROXY protocol is not supported"));
        t.add(refused("entrypoints.<n>.udp*", "UDP entry points are not supported"));
        t.add(refused("entrypoints.<n>.asdefault", "routers naming no entry point are on all of them"));
        t.add(refused("entrypoints.<n>.reuseport", "not supported"));
        t.add(refused("entrypoints.<n>.allowacmebypass", "the ACME challenge router always comes first on its entry point"));
        t.add(refused("entrypoints.<n>.observability*", "access log and metrics cover every entry point"));
        // ---- providers: docker (v2 and v3), swarm (v3), file
        for (String p : List.of("docker", "swarm")) {
            String pre = "providers." + p;
            t.add(different(pre, p.equals("swarm") ? "Traefik v3's Swarm provider: the Docker provider in Swarm mode"
                    : "on, reading containers (or Swarm services with swarmMode)", (n, v, o) -> {
                        o.set(DOCKER + "enabled", TraefikValues.bool(v));
                        if (p.equals("swarm")) {
                            o.set(DOCKER + "swarm-mode", TraefikValues.bool(v));
                        }
                    }));
            t.add(same(pre + ".endpoint", n -> DOCKER + "endpoint"));
            t.add(bool(pre + ".exposedbydefault", n -> DOCKER + "exposed-by-default"));
            t.add(same(pre + ".network", n -> DOCKER + "network"));
            t.add(same(pre + ".constraints", n -> DOCKER + "constraints"));
            t.add(same(pre + ".defaultrule", n -> DOCKER + "default-rule"));
            t.add(different(pre + ".watch", "modelgate always watches; false is refused", TraefikValues::alwaysWatch));
            t.add(refused(pre + ".usebindportip", "servers are reached on the container's network address"));
            t.add(refused(pre + ".tls*", "connect to the Docker API over a Unix socket or a socket proxy"));
            t.add(refused(pre + ".httpclienttimeout", "not configurable"));
            t.add(refused(pre + ".allowemptyservices", "a service without servers answers 503 (its router stays)"));
            t.add(refused(pre + ".username", "registry credentials are not needed"));
            t.add(refused(pre + ".password", "registry credentials are not needed"));
        }
        t.add(bool("providers.docker.swarmmode", n -> DOCKER + "swarm-mode"));
        t.add(different("providers.docker.swarmmoderefreshseconds", "modelgate also follows events; default 1 s, not 15 s",
                (n, v, o) -> o.set(DOCKER + "swarm-resync", TraefikValues.seconds(v))));
        t.add(different("providers.swarm.refreshseconds", "modelgate also follows events; default 1 s, not 15 s",
                (n, v, o) -> o.set(DOCKER + "swarm-resync", TraefikValues.seconds(v))));
        t.add(different("providers.file", "needs a filename or directory", (n, v, o) -> { }));
        t.add(same("providers.file.filename", n -> "modelgate.providers.file.path"));
        t.add(same("providers.file.directory", n -> "modelgate.providers.file.path"));
        t.add(bool("providers.file.watch", n -> "modelgate.providers.file.watch"));
        t.add(refused("providers.file.debugloggeneratedtemplate", "the file provider reads plain YAML (no Go templates)"));
        t.add(refused("providers.providersthrottleduration", "events are debounced (modelgate.providers.docker.debounce, at most 300 ms)"));
        for (String other : List.of("kubernetescrd", "kubernetesingress", "kubernetesgateway", "consulcatalog", "consul",
                "etcd", "zookeeper", "redis", "http", "rest", "ecs", "nomad", "plugin", "marathon", "rancher")) {
            t.add(refused("providers." + other + "*", "only the docker, swarm and file providers exist in modelgate"));
        }
        // ---- API, dashboard, ping, metrics: modelgate's admin port
        t.add(different("api", "the API and dashboard are always on, on the admin port (modelgate.admin.port)", (n, v, o) -> { }));
        t.add(different("api.dashboard", "always on; false is refused", (n, v, o) -> TraefikValues.alwaysOn("api.dashboard", v)));
        t.add(different("api.insecure", "the admin port becomes the `traefik` entry point's (8080 unless given)",
                (n, v, o) -> o.set("traefik.api.insecure", TraefikValues.bool(v))));
        t.add(refused("api.debug", "no debug endpoints"));
        t.add(refused("api.basepath", "the API is at /api, the dashboard at /dashboard/"));
        t.add(refused("api.disabledashboardad", "no ads"));
        t.add(different("ping", "always on: /ping on the admin port", (n, v, o) -> { }));
        t.add(different("ping.entrypoint", "only `traefik`: the admin port", TraefikValues::adminEntryPoint));
        t.add(refused("ping.manualrouting", "/ping is on the admin port only"));
        t.add(refused("ping.terminatingstatuscode", "/ping answers 503 while draining"));
        t.add(different("metrics.prometheus", "always on: /metrics on the admin port", (n, v, o) -> { }));
        t.add(different("metrics.prometheus.entrypoint", "only `traefik`: the admin port", TraefikValues::adminEntryPoint));
        t.add(refused("metrics.prometheus.buckets", "the histogram buckets are modelgate's (docs/metrics)"));
        t.add(refused("metrics.prometheus.addentrypointslabels", "labels are fixed"));
        t.add(refused("metrics.prometheus.addrouterslabels", "labels are fixed"));
        t.add(refused("metrics.prometheus.addserviceslabels", "labels are fixed"));
        t.add(refused("metrics.prometheus.manualrouting", "/metrics is on the admin port only"));
        t.add(refused("metrics.prometheus.headerlabels*", "labels are fixed"));
        for (String other : List.of("datadog", "statsd", "influxdb", "otlp", "addinternals")) {
            t.add(refused("metrics." + other + "*", "only Prometheus metrics exist"));
        }
        // ---- logs
        t.add(different("accesslog", "JSON lines; with a Traefik configuration the access log is off unless this is given, as in Traefik",
                (n, v, o) -> o.set("modelgate.access-log.enabled", TraefikValues.bool(v))));
        t.add(same("accesslog.filepath", n -> "modelgate.access-log.path"));
        t.add(different("accesslog.format", "only json", TraefikValues::jsonOnly));
        t.add(different("accesslog.bufferingsize", "the records waiting for the writer thread (default 65,536; at least 16); "
                + "a full queue drops and counts (modelgate.access-log.on-overload)", (n, v, o) -> o.set(
                        "modelgate.access-log.queue-capacity", String.valueOf(Math.max(16, Long.parseLong(TraefikValues.integer(v)))))));
        t.add(new TraefikOption("accesslog.filters.statuscodes", Support.SUPPORTED, "", TraefikAccessLog::statusCodes));
        t.add(bool("accesslog.filters.retryattempts", n -> "modelgate.access-log.filters.retry-attempts"));
        t.add(new TraefikOption("accesslog.filters.minduration", Support.SUPPORTED, "", TraefikAccessLog::minDuration));
        t.add(new TraefikOption("accesslog.fields.defaultmode", Support.SUPPORTED, "", TraefikAccessLog::defaultMode));
        t.add(different("accesslog.fields.names.<n>", "Traefik's field names map onto modelgate's (ClientHost → clientIp, "
                + "docs/access-log.md); fields modelgate does not write (TLSVersion, GzipRatio, …) are ignored",
                TraefikAccessLog::fieldName));
        t.add(different("accesslog.fields.headers.defaultmode", "with keep, Authorization, Proxy-Authorization, Cookie and "
                + "Set-Cookie are still redacted unless named keep; request headers only", TraefikAccessLog::headersDefaultMode));
        t.add(different("accesslog.fields.headers.names.<n>", "request headers only (request_<Header>), no origin_ or "
                + "downstream_ headers", TraefikAccessLog::headerName));
        t.add(refused("accesslog.addinternals", "admin requests are not in the access log"));
        t.add(different("log.level", "sets logging.level.io.modelgate; FATAL and PANIC are ERROR", TraefikValues::logLevel));
        t.add(same("log.filepath", n -> "logging.file.name"));
        t.add(refused("log.format", "the application log is Spring Boot's; the access log is JSON"));
        t.add(refused("log.nocolor", "no colours are written"));
        for (String rotation : List.of("maxsize", "maxage", "maxbackups", "compress")) {
            t.add(refused("log." + rotation, "log rotation and compression: use the platform's log driver"));
        }
        // ---- TLS, transports, the rest
        t.add(same("certificatesresolvers.<n>.acme.email", n -> CR + n.get(0) + ".acme.email"));
        t.add(same("certificatesresolvers.<n>.acme.storage", n -> CR + n.get(0) + ".acme.storage"));
        t.add(same("certificatesresolvers.<n>.acme.caserver", n -> CR + n.get(0) + ".acme.ca-server"));
        t.add(new TraefikOption("certificatesresolvers.<n>.acme.cacertificates", Support.SUPPORTED, "",
                (n, v, o) -> o.set(CR + n.get(0) + ".acme.ca-certificates", TraefikValues.list(v))));
        t.add(same("certificatesresolvers.<n>.acme.keytype", n -> CR + n.get(0) + ".acme.key-type"));
        t.add(same("certificatesresolvers.<n>.acme.httpchallenge.entrypoint", n -> CR + n.get(0) + ".acme.http-challenge.entry-point"));
        t.add(different("certificatesresolvers.<n>.acme.httpchallenge", "the challenge is chosen by its entryPoint",
                (n, v, o) -> { }));
        t.add(different("certificatesresolvers.<n>.acme.certificatesduration", "renewal starts when a third is left, "
                + "as in Traefik", (n, v, o) -> o.set(CR + n.get(0) + ".acme.renew-before", (Math.max(1, Long.parseLong(TraefikValues.integer(v)) / 3)) + "h")));
        t.add(refused("certificatesresolvers.<n>.acme.tlschallenge*", "the TLS-ALPN-01 challenge is not supported: use httpChallenge"));
        t.add(refused("certificatesresolvers.<n>.acme.dnschallenge*", "the DNS-01 challenge is not supported: use httpChallenge"));
        t.add(refused("certificatesresolvers.<n>.*", "not supported for ACME resolvers (email, storage, caServer, "
                + "caCertificates, keyType, httpChallenge.entryPoint and certificatesDuration are)"));
        t.add(duration("serverstransport.forwardingtimeouts.dialtimeout", n -> "modelgate.upstream.connect-timeout"));
        t.add(different("serverstransport.forwardingtimeouts.responseheadertimeout", "also bounds the gaps while a response "
                + "streams", (n, v, o) -> o.set("modelgate.upstream.response-timeout", TraefikValues.duration(v))));
        t.add(duration("serverstransport.forwardingtimeouts.idleconntimeout", n -> "modelgate.upstream.pool-idle-timeout"));
        t.add(different("serverstransport.maxidleconnsperhost", "per server and event loop",
                (n, v, o) -> o.set("modelgate.upstream.max-idle-per-server", TraefikValues.integer(v))));
        t.add(refused("serverstransport.forwardingtimeouts.readidletimeout", "HTTP/2 upstreams are not health-pinged"));
        t.add(refused("serverstransport.forwardingtimeouts.pingtimeout", "HTTP/2 upstreams are not health-pinged"));
        for (String tls : List.of("insecureskipverify", "rootcas", "spiffe*")) {
            t.add(refused("serverstransport." + tls, "upstream TLS uses the JDK's trust store (loadbalancer.server.scheme=https)"));
        }
        t.add(different("global.checknewversion", "modelgate never calls home", (n, v, o) -> TraefikValues.bool(v)));
        t.add(different("global.sendanonymoususage", "modelgate never calls home", (n, v, o) -> TraefikValues.bool(v)));
        t.add(refused("core.defaultrulesyntax", "rules without ruleSyntax are read in both syntaxes (docs/rules.md); "
                + "set ruleSyntax per router to hold one"));
        t.add(refused("tracing*", "tracing is not supported"));
        t.add(refused("tcpserverstransport*", "TCP routing is not supported"));
        t.add(refused("hostresolver*", "CNAME flattening is not supported"));
        t.add(refused("experimental*", "plugins and experimental features are not supported"));
        t.add(refused("pilot*", "Traefik Pilot is not supported"));
        t.add(refused("spiffe*", "SPIFFE is not supported"));
        t.add(refused("ocsp*", "OCSP stapling is not supported"));
        t.add(different("configfile", "read like Traefik, when it exists", (n, v, o) -> { }));
        return List.copyOf(t);
    }

    private static TraefikOption same(String pattern, java.util.function.Function<List<String>, String> property) {
        return new TraefikOption(pattern, Support.SUPPORTED, "", (n, v, o) -> o.set(property.apply(n), v));
    }

    private static TraefikOption bool(String pattern, java.util.function.Function<List<String>, String> property) {
        return new TraefikOption(pattern, Support.SUPPORTED, "", (n, v, o) -> o.set(property.apply(n), TraefikValues.bool(v)));
    }

    private static TraefikOption duration(String pattern, java.util.function.Function<List<String>, String> property) {
        return new TraefikOption(pattern, Support.SUPPORTED, "", (n, v, o) -> o.set(property.apply(n), TraefikValues.duration(v)));
    }

    private static TraefikOption different(String pattern, String note, Mapper mapper) {
        return new TraefikOption(pattern, Support.DIFFERENT, note, mapper);
    }

    private static TraefikOption refused(String pattern, String why) {
        return new TraefikOption(pattern, Support.REFUSED, why, null);
    }
}
