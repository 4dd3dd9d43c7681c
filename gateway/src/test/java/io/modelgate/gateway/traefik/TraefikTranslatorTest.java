package io.modelgate.gateway.traefik;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Traefik flags → modelgate properties, one row per option of {@link TraefikOptions}: the properties a
 * mapped flag sets, the line a refused one prints, the error a bad value stops the start with. A last check
 * fails if an option of the table has no row here.
 */
class TraefikTranslatorTest {

    static TraefikTranslation translate(String... flags) {
        TraefikSources.Read read = TraefikSources.read(flags, Map.of(), p -> null);
        return TraefikTranslator.translate(read.source(), read.options());
    }

    /**
     * The flag with what it needs beside it to be valid alone: an entry point's address, the file provider's
     * filename (without them the translation stops: tested by the bad-value rows).
     */
    static TraefikTranslation alone(String flag) {
        java.util.regex.Matcher ep = java.util.regex.Pattern.compile("--entrypoints\\.([^.=]+)\\.(.*)").matcher(flag.toLowerCase(java.util.Locale.ROOT));
        if (ep.matches() && !ep.group(2).startsWith("address")) {
            return translate("--entrypoints." + ep.group(1) + ".address=:1000", flag);
        }
        if (flag.startsWith("--providers.file") && !flag.startsWith("--providers.file.filename")
                && !flag.startsWith("--providers.file.directory")) {
            return translate("--providers.file.filename=/f.yml", flag);
        }
        return translate(flag);
    }

    /** A mapped flag: these properties among the result (key, value, key, value …); a second flag may give context. */
    static Arguments mapped(String flag, String... properties) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < properties.length; i += 2) {
            expected.put(properties[i], properties[i + 1]);
        }
        return Arguments.of(flag, expected);
    }

    static Stream<Arguments> mappedFlags() {
        String ep = "modelgate.entrypoints.";
        String d = "modelgate.providers.docker.";
        return Stream.of(
                mapped("--entrypoints.web.address=:80", ep + "web.port", "80"),
                mapped("--entrypoints.web.address=10.0.0.1:8000/tcp", ep + "web.port", "8000", ep + "web.address", "10.0.0.1"),
                mapped("--entrypoints.Six.address=[::1]:81", ep + "six.port", "81", ep + "six.address", "::1"),
                mapped("--entrypoints.traefik.address=:9000", "modelgate.admin.port", "9000"),
                mapped("--entrypoints.traefik.address=127.0.0.1:9000", "modelgate.admin.port", "9000", "server.address", "127.0.0.1"),
                mapped("--entrypoints.web.http.redirections.entrypoint.to=websecure", ep + "web.http.redirections.entry-point.to", "websecure"),
                mapped("--entrypoints.web.http.redirections.entryPoint.scheme=https", ep + "web.http.redirections.entry-point.scheme", "https"),
                mapped("--entrypoints.web.http.redirections.entrypoint.permanent=false", ep + "web.http.redirections.entry-point.permanent", "false"),
                mapped("--entrypoints.websecure.http.tls=true", ep + "websecure.tls.enabled", "true"),
                mapped("--entrypoints.websecure.http.tls", ep + "websecure.tls.enabled", "true"),
                mapped("--entrypoints.websecure.http.tls.options=strict@file", ep + "websecure.tls.options", "strict@file",
                        ep + "websecure.tls.enabled", "true"),
                mapped("--entrypoints.websecure.http.tls.certResolver=le", ep + "websecure.tls.cert-resolver", "le",
                        ep + "websecure.tls.enabled", "true"),
                mapped("--entrypoints.websecure.http.tls.domains[0].main=example.com",
                        ep + "websecure.tls.domains[0].main", "example.com", ep + "websecure.tls.enabled", "true"),
                mapped("--entrypoints.websecure.http.tls.domains[1].sans=a.example.com, b.example.com",
                        ep + "websecure.tls.domains[1].sans", "a.example.com,b.example.com"),
                mapped("--entrypoints.web.forwardedHeaders.trustedIPs=10.0.0.0/8, 192.168.0.1", ep + "web.forwarded-headers.trusted-ips", "10.0.0.0/8,192.168.0.1"),
                mapped("--entrypoints.web.forwardedheaders.insecure", ep + "web.forwarded-headers.trusted-ips", "0.0.0.0/0,::/0"),
                mapped("--entrypoints.web.transport.respondingtimeouts.idletimeout=90", ep + "web.idle-timeout", "90s"),
                mapped("--entrypoints.web.transport.respondingtimeouts.readtimeout=1m30s", ep + "web.read-timeout", "90000ms"),
                mapped("--entrypoints.web.transport.lifecycle.gracetimeout=45s", "modelgate.shutdown.grace", "45000ms"),
                mapped("--entrypoints.web.http2.maxconcurrentstreams=100", ep + "web.http2.max-concurrent-streams", "100"),
                mapped("--providers.docker=true", d + "enabled", "true", d + "exposed-by-default", "true"),
                mapped("--providers.docker", d + "enabled", "true"),
                mapped("--providers.docker.endpoint=tcp://socket-proxy:2375", d + "endpoint", "tcp://socket-proxy:2375", d + "enabled", "true"),
                mapped("--providers.docker.exposedbydefault=false", d + "exposed-by-default", "false", d + "enabled", "true"),
                mapped("--providers.docker.network=models", d + "network", "models"),
                mapped("--providers.docker.constraints=Label(`team`,`ml`)", d + "constraints", "Label(`team`,`ml`)"),
                mapped("--providers.docker.defaultrule=Host(`{{ normalize .Name }}.example`)", d + "default-rule", "Host(`{{ normalize .Name }}.example`)"),
                mapped("--providers.docker.swarmMode=true", d + "swarm-mode", "true", d + "enabled", "true"),
                mapped("--providers.docker.swarmmoderefreshseconds=15", d + "swarm-resync", "15s"),
                mapped("--providers.docker.watch=true", d + "enabled", "true"),
                mapped("--providers.swarm=true", d + "enabled", "true", d + "swarm-mode", "true", d + "exposed-by-default", "true"),
                mapped("--providers.swarm.endpoint=unix:///var/run/docker.sock", d + "endpoint", "unix:///var/run/docker.sock", d + "swarm-mode", "true"),
                mapped("--providers.swarm.exposedbydefault=false", d + "exposed-by-default", "false", d + "swarm-mode", "true"),
                mapped("--providers.swarm.network=models", d + "network", "models"),
                mapped("--providers.swarm.constraints=Label(`a`,`b`)", d + "constraints", "Label(`a`,`b`)"),
                mapped("--providers.swarm.defaultrule=Host(`x`)", d + "default-rule", "Host(`x`)"),
                mapped("--providers.swarm.refreshseconds=5", d + "swarm-resync", "5s"),
                mapped("--providers.swarm.watch", d + "swarm-mode", "true"),
                mapped("--providers.file=true", "modelgate.providers.file.path", "/f.yml"),
                mapped("--providers.file.filename=/etc/traefik/dynamic.yml", "modelgate.providers.file.path", "/etc/traefik/dynamic.yml"),
                mapped("--providers.file.directory=/etc/traefik/dynamic", "modelgate.providers.file.path", "/etc/traefik/dynamic"),
                mapped("--providers.file.watch=false", "modelgate.providers.file.watch", "false"),
                mapped("--api.insecure=true", "modelgate.admin.port", "8080"),
                mapped("--api.insecure=false"),
                mapped("--api.dashboard=true"),
                mapped("--api"),
                mapped("--ping=true"),
                mapped("--ping.entrypoint=traefik"),
                mapped("--metrics.prometheus=true"),
                mapped("--metrics.prometheus.entryPoint=traefik"),
                mapped("--accesslog=true", "modelgate.access-log.enabled", "true"),
                mapped("--accesslog=false", "modelgate.access-log.enabled", "false"),
                mapped("--accesslog.filepath=/var/log/access.log", "modelgate.access-log.path", "/var/log/access.log", "modelgate.access-log.enabled", "true"),
                mapped("--accesslog.format=json", "modelgate.access-log.enabled", "true"),
                mapped("--accesslog.bufferingsize=100", "modelgate.access-log.queue-capacity", "100"),
                mapped("--accesslog.bufferingsize=0", "modelgate.access-log.queue-capacity", "16"),
                mapped("--accesslog.filters.statuscodes=200, 400-499", "modelgate.access-log.filters.status-codes", "200,400-499",
                        "modelgate.access-log.enabled", "true"),
                mapped("--accesslog.filters.retryattempts=true", "modelgate.access-log.filters.retry-attempts", "true"),
                mapped("--accesslog.filters.minDuration=10ms", "modelgate.access-log.filters.min-duration", "10ms"),
                mapped("--accesslog.fields.defaultMode=DROP", "modelgate.access-log.fields.default-mode", "drop"),
                mapped("--accesslog.fields.names.ClientUsername=redact", "modelgate.access-log.fields.names.user", "redact"),
                mapped("--accesslog.fields.names.ClientHost=drop", "modelgate.access-log.fields.names.clientIp", "drop"),
                mapped("--accesslog.fields.names.tokenId=drop", "modelgate.access-log.fields.names.tokenId", "drop"),
                mapped("--accesslog.fields.names.TLSVersion=keep", "modelgate.access-log.enabled", "true"),
                mapped("--accesslog.fields.headers.defaultMode=keep", "modelgate.access-log.fields.headers.default-mode", "keep"),
                mapped("--accesslog.fields.headers.names.User-Agent=redact",
                        "modelgate.access-log.fields.headers.names.user-agent", "redact"),
                mapped("--log.level=DEBUG", "logging.level.io.modelgate", "DEBUG"),
                mapped("--log.level=panic", "logging.level.io.modelgate", "ERROR"),
                mapped("--log.filepath=/var/log/traefik.log", "logging.file.name", "/var/log/traefik.log"),
                mapped("--serverstransport.forwardingtimeouts.dialtimeout=3s", "modelgate.upstream.connect-timeout", "3000ms"),
                mapped("--serverstransport.forwardingtimeouts.responseheadertimeout=2m", "modelgate.upstream.response-timeout", "120000ms"),
                mapped("--serverstransport.forwardingtimeouts.idleconntimeout=90s", "modelgate.upstream.pool-idle-timeout", "90000ms"),
                mapped("--serverstransport.maxidleconnsperhost=10", "modelgate.upstream.max-idle-per-server", "10"),
                mapped("--global.checknewversion=false"),
                mapped("--global.sendanonymoususage=false"),
                mapped("--configfile=/etc/traefik/traefik.yml"),
                mapped("--certificatesresolvers.le.acme.email=ops@example.com", "modelgate.certificates-resolvers.le.acme.email", "ops@example.com"),
                mapped("--certificatesresolvers.le.acme.storage=/letsencrypt/acme.json", "modelgate.certificates-resolvers.le.acme.storage", "/letsencrypt/acme.json"),
                mapped("--certificatesresolvers.le.acme.caServer=https://acme-staging-v02.api.letsencrypt.org/directory",
                        "modelgate.certificates-resolvers.le.acme.ca-server", "https://acme-staging-v02.api.letsencrypt.org/directory"),
                mapped("--certificatesresolvers.le.acme.caCertificates=/ca1.pem,/ca2.pem", "modelgate.certificates-resolvers.le.acme.ca-certificates", "/ca1.pem,/ca2.pem"),
                mapped("--certificatesresolvers.le.acme.keyType=EC256", "modelgate.certificates-resolvers.le.acme.key-type", "EC256"),
                mapped("--certificatesresolvers.le.acme.httpchallenge.entrypoint=web", "modelgate.certificates-resolvers.le.acme.http-challenge.entry-point", "web"),
                mapped("--certificatesresolvers.le.acme.httpchallenge=true"),
                mapped("--certificatesresolvers.le.acme.tlschallenge=true", "modelgate.certificates-resolvers.le.acme.tls-challenge", "true"),
                mapped("--certificatesresolvers.le.acme.tlsChallenge", "modelgate.certificates-resolvers.le.acme.tls-challenge", "true"),
                mapped("--certificatesresolvers.le.acme.certificatesDuration=2160", "modelgate.certificates-resolvers.le.acme.renew-before", "720h"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mappedFlags")
    void mapsTheFlag(String flag, Map<String, String> expected) {
        TraefikTranslation t = alone(flag);
        assertThat(t.errors()).as("errors").isEmpty();
        assertThat(t.notices()).as("notices").noneMatch(TraefikTranslation.Notice::refused);
        assertThat(t.properties()).containsAllEntriesOf(expected);
    }

    static Stream<Arguments> refusedFlags() {
        return Stream.of(
                Arguments.of("--entrypoints.web.http.redirections.entrypoint.priority=10", "priority is fixed"),
                Arguments.of("--entrypoints.web.http.middlewares=auth@file", "put the middlewares on the routers"),
                Arguments.of("--entrypoints.web.http.encodequerysemicolons=true", "semicolons"),
                Arguments.of("--entrypoints.web.http.sanitizepath=false", "always normalized"),
                Arguments.of("--entrypoints.web.http.maxheaderbytes=1000", "max-header-bytes"),
                Arguments.of("--entrypoints.web.forwardedheaders.connection=X-A", "hop-by-hop"),
                Arguments.of("--entrypoints.web.transport.respondingtimeouts.writetimeout=10s", "response-timeout"),
                Arguments.of("--entrypoints.web.transport.lifecycle.requestacceptgracetimeout=5s", "stops accepting"),
                Arguments.of("--entrypoints.web.transport.keepalivemaxrequests=100", "not capped by count"),
                Arguments.of("--entrypoints.web.transport.keepalivemaxtime=1m", "not capped by age"),
                Arguments.of("--entrypoints.websecure.http3=true", "HTTP/3"),
                Arguments.of("--entrypoints.websecure.http3.advertisedport=443", "HTTP/3"),
                Arguments.of("--entrypoints.web.proxyprotocol.trustedips=10.0.0.1", "PROXY protocol"),
                Arguments.of("--entrypoints.dns.udp.timeout=3s", "UDP"),
                Arguments.of("--entrypoints.web.asdefault=true", "on all of them"),
                Arguments.of("--entrypoints.web.reuseport=true", "not supported"),
                Arguments.of("--entrypoints.web.allowacmebypass=true", "ACME challenge router"),
                Arguments.of("--entrypoints.web.observability.accesslogs=false", "every entry point"),
                Arguments.of("--entrypoints.traefik.http.tls=true", "only its address maps"),
                Arguments.of("--providers.docker.usebindportip=true", "network address"),
                Arguments.of("--providers.docker.tls.ca=/ca.pem", "socket proxy"),
                Arguments.of("--providers.docker.httpclienttimeout=30", "not configurable"),
                Arguments.of("--providers.docker.allowemptyservices=true", "503"),
                Arguments.of("--providers.docker.username=u", "credentials"),
                Arguments.of("--providers.docker.password=p", "credentials"),
                Arguments.of("--providers.swarm.usebindportip=true", "network address"),
                Arguments.of("--providers.swarm.tls.cert=/c.pem", "socket proxy"),
                Arguments.of("--providers.swarm.httpclienttimeout=30", "not configurable"),
                Arguments.of("--providers.swarm.allowemptyservices=true", "503"),
                Arguments.of("--providers.swarm.username=u", "credentials"),
                Arguments.of("--providers.swarm.password=p", "credentials"),
                Arguments.of("--providers.file.debugloggeneratedtemplate=true", "no Go templates"),
                Arguments.of("--providers.providersthrottleduration=2s", "debounced"),
                Arguments.of("--providers.kubernetescrd=true", "docker, swarm and file"),
                Arguments.of("--providers.kubernetesingress.namespaces=a", "docker, swarm and file"),
                Arguments.of("--providers.kubernetesgateway=true", "docker, swarm and file"),
                Arguments.of("--providers.consulcatalog=true", "docker, swarm and file"),
                Arguments.of("--providers.consul.endpoints=a", "docker, swarm and file"),
                Arguments.of("--providers.etcd.endpoints=a", "docker, swarm and file"),
                Arguments.of("--providers.zookeeper.endpoints=a", "docker, swarm and file"),
                Arguments.of("--providers.redis.endpoints=a", "docker, swarm and file"),
                Arguments.of("--providers.http.endpoint=http://x", "docker, swarm and file"),
                Arguments.of("--providers.rest=true", "docker, swarm and file"),
                Arguments.of("--providers.ecs.clusters=a", "docker, swarm and file"),
                Arguments.of("--providers.nomad=true", "docker, swarm and file"),
                Arguments.of("--providers.plugin.x.y=1", "docker, swarm and file"),
                Arguments.of("--providers.marathon=true", "docker, swarm and file"),
                Arguments.of("--providers.rancher=true", "docker, swarm and file"),
                Arguments.of("--api.debug=true", "no debug endpoints"),
                Arguments.of("--api.basepath=/traefik", "the dashboard at /dashboard/"),
                Arguments.of("--api.disabledashboardad=true", "no ads"),
                Arguments.of("--ping.manualrouting=true", "admin port only"),
                Arguments.of("--ping.terminatingstatuscode=204", "503 while draining"),
                Arguments.of("--metrics.prometheus.buckets=0.1,0.3", "buckets"),
                Arguments.of("--metrics.prometheus.addentrypointslabels=true", "labels are fixed"),
                Arguments.of("--metrics.prometheus.addrouterslabels=true", "labels are fixed"),
                Arguments.of("--metrics.prometheus.addserviceslabels=true", "labels are fixed"),
                Arguments.of("--metrics.prometheus.manualrouting=true", "admin port only"),
                Arguments.of("--metrics.prometheus.headerlabels.tenant=X-Tenant", "labels are fixed"),
                Arguments.of("--metrics.datadog=true", "only Prometheus"),
                Arguments.of("--metrics.statsd.address=x:8125", "only Prometheus"),
                Arguments.of("--metrics.influxdb=true", "only Prometheus"),
                Arguments.of("--metrics.influxdb2.address=x", "only Prometheus"),
                Arguments.of("--metrics.influxDB.address=x", "only Prometheus"),
                Arguments.of("--metrics.otlp=true", "only Prometheus"),
                Arguments.of("--metrics.addinternals=true", "only Prometheus"),
                Arguments.of("--accesslog.addinternals=true", "not in the access log"),
                Arguments.of("--log.format=json", "Spring Boot's"),
                Arguments.of("--log.nocolor=true", "no colours"),
                Arguments.of("--log.maxsize=10", "log driver"),
                Arguments.of("--log.maxage=3", "log driver"),
                Arguments.of("--log.maxbackups=3", "log driver"),
                Arguments.of("--log.compress=true", "log driver"),
                Arguments.of("--certificatesresolvers.le.acme.tlschallenge.foo=x", "not supported for ACME resolvers"),
                Arguments.of("--certificatesresolvers.le.acme.dnschallenge.provider=route53", "DNS-01"),
                Arguments.of("--certificatesresolvers.le.acme.eab.kid=abc", "not supported for ACME resolvers"),
                Arguments.of("--serverstransport.forwardingtimeouts.readidletimeout=10s", "health-pinged"),
                Arguments.of("--serverstransport.forwardingtimeouts.pingtimeout=10s", "health-pinged"),
                Arguments.of("--serverstransport.insecureskipverify=true", "trust store"),
                Arguments.of("--serverstransport.rootcas=/ca.pem", "trust store"),
                Arguments.of("--serverstransport.spiffe.ids=a", "trust store"),
                Arguments.of("--core.defaultrulesyntax=v2", "read in both syntaxes"),
                Arguments.of("--tracing.otlp=true", "tracing"),
                Arguments.of("--tcpserverstransport.dialtimeout=3s", "TCP routing"),
                Arguments.of("--hostresolver.cnameflattening=true", "CNAME"),
                Arguments.of("--experimental.plugins.x.modulename=y", "plugins"),
                Arguments.of("--pilot.token=x", "Pilot"),
                Arguments.of("--spiffe.workloadapiaddr=x", "SPIFFE"),
                Arguments.of("--ocsp=true", "OCSP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedFlags")
    void refusesTheFlagWithOneLine(String flag, String message) {
        TraefikTranslation t = alone(flag);
        assertThat(t.errors()).as("errors").isEmpty();
        String written = flag.contains("=") ? flag.substring(0, flag.indexOf('=') + 1) : flag;
        assertThat(t.notices()).filteredOn(TraefikTranslation.Notice::refused).singleElement()
                .satisfies(n -> assertThat(n.toString()).startsWith(written).contains(": not supported, ignored: ").contains(message));
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("--entrypoints.web.address=:abc", "--entrypoints.web.address=:abc: port 'abc' in ':abc' is not 0-65535"),
                Arguments.of("--entrypoints.web.address=:70000", "port '70000' in ':70000' is not 0-65535"),
                Arguments.of("--entrypoints.dns.address=:53/udp", "--entrypoints.dns.address=:53/udp: UDP entry points are not supported"),
                Arguments.of("--entrypoints.web.address=80", "'80' is not an address (write :80 or 10.0.0.1:80)"),
                Arguments.of("--providers.docker.exposedbydefault=maybe", "'maybe' is not true or false"),
                Arguments.of("--entrypoints.web.transport.respondingtimeouts.idletimeout=soon", "'soon' is not a duration"),
                Arguments.of("--entrypoints.web.transport.lifecycle.gracetimeout=3x", "'3x' is not a duration"),
                Arguments.of("--log.level=LOUD", "'LOUD' is not a log level"),
                Arguments.of("--accesslog.format=common", "'common': modelgate writes the access log as JSON only"),
                Arguments.of("--accesslog.filters.statuscodes=200,4xx", "--accesslog.filters.statuscodes=200,4xx: '4xx' is not a status (404) or a range of them (400-499)"),
                Arguments.of("--accesslog.filters.minduration=soon", "'soon' is not a duration"),
                Arguments.of("--accesslog.fields.defaultmode=hide", "--accesslog.fields.defaultmode=hide: 'hide' is not keep, drop or redact"),
                Arguments.of("--accesslog.fields.names.Nonsense=drop", "'nonsense' is not a Traefik access-log field"),
                Arguments.of("--accesslog.fields.headers.defaultmode=maybe", "'maybe' is not keep, drop or redact"),
                Arguments.of("--accesslog.fields.headers.names.Authorization=show", "'show' is not keep, drop or redact"),
                Arguments.of("--accesslog.bufferingsize=lots", "'lots' is not a whole number"),
                Arguments.of("--api.dashboard=false", "api.dashboard=false is not supported: modelgate keeps it on"),
                Arguments.of("--providers.docker.watch=false", "watch=false is not supported"),
                Arguments.of("--ping.entrypoint=web", "'web': /ping and /metrics are served on the admin port only"),
                Arguments.of("--serverstransport.maxidleconnsperhost=many", "'many' is not a whole number"),
                Arguments.of("--providers.docker.swarmmoderefreshseconds=1.5", "'1.5' is not a whole number"),
                Arguments.of("--entrypoints.web.adress=:80", "--entrypoints.web.adress=:80: Traefik has no such static option (a typo?)"),
                Arguments.of("--api.dashbord=true", "Traefik has no such static option"),
                Arguments.of("--entrypoints.websecure.http.tls.domains[0].name=example.com",
                        "write http.tls.domains[<i>].main or http.tls.domains[<i>].sans"),
                Arguments.of("--providers.file.watch=true", "providers.file: set providers.file.filename or providers.file.directory"),
                Arguments.of("--entrypoints.web.http.redirections.entrypoint.to=websecure",
                        "entrypoints.web: no address (write --entrypoints.web.address=:PORT)"));
    }

    /** Found by TraefikTranslatorFuzzTest (seed yaml-dot-key): `.:` in a traefik.yml threw ArrayIndexOutOfBounds. */
    @Test
    void aKeyOfDotsOnlyIsAnUnknownOption() {
        TraefikTranslation t = TraefikTranslator.translate("traefik.yml", List.of(new TraefikTranslator.Option(". (traefik.yml)", ".", "")));
        assertThat(t.errors()).containsExactly(". (traefik.yml): Traefik has no such static option (a typo?)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void stopsOnABadValueWithOneLine(String flag, String error) {
        TraefikTranslation t = error.startsWith("entrypoints.web: no address") || error.startsWith("providers.file:")
                ? translate(flag) : alone(flag);
        assertThat(t.errors()).singleElement().asString().contains(error);
    }

    @Test
    void fileFilenameAndDirectoryTogetherAreAnError() {
        assertThat(translate("--providers.file.filename=/a.yml", "--providers.file.directory=/d").errors())
                .containsExactly("providers.file: filename and directory are mutually exclusive");
    }

    @Test
    void withoutEntryPointsTraefiksHttpOnPort80ReplacesWeb() {
        TraefikTranslation t = translate("--providers.docker=true");
        assertThat(t.properties()).containsEntry("modelgate.entrypoints.http.port", "80")
                .containsEntry("modelgate.entrypoints.web.enabled", "false")
                .containsEntry("modelgate.access-log.enabled", "false");
    }

    @Test
    void declaredEntryPointsAreTheOnlyOnesAndPort443TerminatesTls() {
        TraefikTranslation t = translate("--entrypoints.websecure.address=:443", "--entrypoints.metrics.address=:9100");
        assertThat(t.properties()).containsEntry("modelgate.entrypoints.web.enabled", "false")
                .containsEntry("modelgate.entrypoints.websecure.tls.enabled", "true")
                .doesNotContainKey("modelgate.entrypoints.metrics.tls.enabled")
                .doesNotContainKey("modelgate.entrypoints.http.port");
        assertThat(t.notices()).singleElement().hasToString("entrypoints.websecure: supported with a difference: port 443 "
                + "terminates TLS: modelgate decides TLS per entry point (Traefik per router); set "
                + "entrypoints.websecure.http.tls=false to keep it plain");
        assertThat(translate("--entrypoints.websecure.address=:443", "--entrypoints.websecure.http.tls=false").properties())
                .containsEntry("modelgate.entrypoints.websecure.tls.enabled", "false");
    }

    @Test
    void webDeclaredStaysAndTheLargestGraceWins() {
        TraefikTranslation t = translate("--entrypoints.web.address=:80", "--entrypoints.a.address=:81",
                "--entrypoints.web.transport.lifecycle.gracetimeout=10s", "--entrypoints.a.transport.lifecycle.gracetimeout=1m",
                "--entrypoints.web.transport.lifecycle.gracetimeout=20s");
        assertThat(t.properties()).doesNotContainKey("modelgate.entrypoints.web.enabled")
                .containsEntry("modelgate.shutdown.grace", "60000ms");
    }

    @Test
    void aDockerSectionWithAnyOptionIsOnWithTraefiksExposedByDefault() {
        assertThat(translate("--providers.docker.network=models").properties())
                .containsEntry("modelgate.providers.docker.enabled", "true")
                .containsEntry("modelgate.providers.docker.exposed-by-default", "true");
        assertThat(translate("--providers.docker=false").properties())
                .containsEntry("modelgate.providers.docker.enabled", "false");
    }

    @Test
    void withoutADockerSectionTheDockerProviderIsOff() {
        assertThat(translate("--providers.file.filename=/etc/traefik/dynamic.yml").properties())
                .containsEntry("modelgate.providers.docker.enabled", "false");
        assertThat(translate("--providers.swarm.endpoint=unix:///var/run/docker.sock").properties())
                .containsEntry("modelgate.providers.docker.enabled", "true")
                .containsEntry("modelgate.providers.docker.swarm-mode", "true");
    }

    @Test
    void withoutAResponseHeaderTimeoutUpstreamsHaveNoneAsInTraefik() {
        assertThat(translate("--providers.file.filename=/etc/traefik/dynamic.yml").properties())
                .containsEntry("modelgate.upstream.response-timeout", "0s");
        assertThat(translate("--serverstransport.forwardingtimeouts.responseheadertimeout=30s").properties())
                .containsEntry("modelgate.upstream.response-timeout", "30000ms");
    }

    @Test
    void anAdminAddressWithoutAHostSaysWhereTheAdminPortListens() {
        TraefikTranslation t = translate("--entrypoints.web.address=:80", "--entrypoints.traefik.address=:9000");
        assertThat(t.properties()).containsEntry("modelgate.admin.port", "9000").doesNotContainKey("server.address");
        assertThat(t.notices()).singleElement().asString().contains("entrypoints.traefik.address")
                .contains("the admin port listens on modelgate.admin.address").contains("0.0.0.0:9000");
        assertThat(translate("--entrypoints.web.address=:80", "--entrypoints.traefik.address=0.0.0.0:9000").notices())
                .isEmpty();
        assertThat(translate("--entrypoints.web.address=:80", "--api.insecure=true").properties())
                .containsEntry("modelgate.admin.port", "8080").containsEntry("server.address", "0.0.0.0");
        assertThat(translate("--api.insecure=true", "--entrypoints.traefik.address=:9000").properties())
                .containsEntry("modelgate.admin.port", "9000").containsEntry("server.address", "0.0.0.0");
        assertThat(translate("--api.insecure=true", "--entrypoints.traefik.address=127.0.0.1:9000").properties())
                .containsEntry("server.address", "127.0.0.1");
    }

    @Test
    void noTraefikConfigurationTranslatesToNothing() {
        TraefikTranslation t = translate("--modelgate.admin.port=9", "--spring.main.banner-mode=off");
        assertThat(t.source()).isNull();
        assertThat(t.properties()).isEmpty();
        assertThat(t.notices()).isEmpty();
    }

    @Test
    void anEntryPointsDefaultResolverAndDomainsReadTheSameFromVariablesAndFromTraefikYml() {
        Map<String, String> expected = Map.of("modelgate.entrypoints.websecure.tls.enabled", "true",
                "modelgate.entrypoints.websecure.tls.cert-resolver", "le",
                "modelgate.entrypoints.websecure.tls.domains[0].main", "example.com",
                "modelgate.entrypoints.websecure.tls.domains[0].sans", "a.example.com,b.example.com");
        TraefikSources.Read env = TraefikSources.read(new String[0], Map.of("TRAEFIK_ENTRYPOINTS_WEBSECURE_ADDRESS", ":8443",
                "TRAEFIK_ENTRYPOINTS_WEBSECURE_HTTP_TLS_CERTRESOLVER", "le",
                "TRAEFIK_ENTRYPOINTS_WEBSECURE_HTTP_TLS_DOMAINS_0_MAIN", "example.com",
                "TRAEFIK_ENTRYPOINTS_WEBSECURE_HTTP_TLS_DOMAINS_0_SANS", "a.example.com,b.example.com"), p -> null);
        TraefikSources.Read yml = TraefikSources.read(new String[0], Map.of(), p -> p.toString().equals("/etc/traefik/traefik.yml") ? """
                entryPoints:
                  websecure:
                    address: ":8443"
                    http:
                      tls:
                        certResolver: le
                        domains:
                          - main: example.com
                            sans: [ a.example.com, b.example.com ]
                """ : null);
        for (TraefikSources.Read read : List.of(env, yml)) {
            TraefikTranslation t = TraefikTranslator.translate(read.source(), read.options());
            assertThat(t.errors()).as(read.source()).isEmpty();
            assertThat(t.properties()).as(read.source()).containsAllEntriesOf(expected);
        }
    }

    @Test
    void everyOptionOfTheTableHasARow() {
        Set<String> exercised = new HashSet<>();
        Stream.of(mappedFlags(), refusedFlags(), badValues()).flatMap(s -> s).map(a -> (String) a.get()[0]).forEach(flag -> {
            String key = flag.substring(2).split("=", 2)[0];
            TraefikOption option = TraefikOptions.find(key.toLowerCase(java.util.Locale.ROOT));
            if (option != null) {
                exercised.add(option.pattern());
            }
        });
        List<String> missing = TraefikOptions.ALL.stream().map(TraefikOption::pattern).filter(p -> !exercised.contains(p)).toList();
        assertThat(missing).as("options of TraefikOptions without a row in this test").isEmpty();
    }
}
