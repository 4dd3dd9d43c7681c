package io.modelgate.gateway.config;

import io.modelgate.gateway.health.ActiveHealthChecks;
import io.modelgate.gateway.lb.ServerStates;

import io.modelgate.discovery.ConfigSource;
import io.modelgate.discovery.docker.DockerSource;
import io.modelgate.discovery.docker.LabelDecoder;
import io.modelgate.discovery.docker.LabelSettings;
import io.modelgate.discovery.file.FileConfigSource;
import io.modelgate.gateway.accesslog.AccessLog;
import io.modelgate.gateway.accesslog.RecentRequests;
import io.modelgate.gateway.audit.AuditTrail;
import org.jspecify.annotations.Nullable;
import io.modelgate.gateway.demo.DemoSource;
import io.modelgate.gateway.demo.EchoServer;
import com.github.benmanes.caffeine.cache.Ticker;
import io.modelgate.discovery.config.ErrorsSpec;
import io.modelgate.discovery.config.StatusRanges;
import io.modelgate.gateway.metrics.RequestMetrics;
import io.modelgate.gateway.middleware.MiddlewareFactory;
import io.modelgate.gateway.proxy.EntrypointServer;
import io.modelgate.gateway.net.NettyHttpGet;
import io.modelgate.gateway.tls.CertificateStore;
import io.modelgate.gateway.runtime.RuntimeConfigCompiler;
import io.modelgate.gateway.lb.sticky.LeaseRegistry;
import io.modelgate.gateway.middleware.ratelimit.RateLimits;
import io.modelgate.gateway.redis.SharedRedis;
import io.modelgate.gateway.acme.AcmeCertificates;
import io.modelgate.gateway.status.LiveProblems;
import org.springframework.beans.factory.ObjectProvider;
import io.modelgate.gateway.runtime.RuntimeConfigHolder;
import io.modelgate.gateway.lb.sticky.StickyCookies;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the data plane, the providers and the demo from {@link ModelgateProperties}. */
@Configuration(proxyBeanMethods = false)
public class GatewayConfiguration {

    /**
     * Longest wait between attempts to reach a lost Docker API. Short, so that a restarted daemon is resynced within
     * about 2 s whatever the outage lasted (a 30 s cap let a 10 s restart wait 15 s more); an attempt on a socket
     * that is not there costs one failed connect.
     */
    private static final Duration RECONNECT_BACKOFF_CAP = Duration.ofSeconds(2);

    @Bean
    RuntimeConfigHolder runtimeConfigHolder(ModelgateProperties props, LeaseRegistry leases, NettyHttpGet http,
                                            io.micrometer.core.instrument.MeterRegistry meters, RateLimits rateLimits,
                                            AcmeCertificates acme, ServerStates serverStates,
                                            ActiveHealthChecks healthChecks, RequestMetrics requestMetrics) {
        MiddlewareFactory factory = new MiddlewareFactory(http, Ticker.systemTicker(), meters,
                props.errors().fetchTimeout().toMillis(), rateLimits);
        return new RuntimeConfigHolder(new RuntimeConfigCompiler(new Entrypoints(props).routing(),
                stickyCookies(props.sticky()), leases, factory, gatewayErrors(props.errors()), serverStates, healthChecks)
                .withAcme(acme.names(), acme.challengeRoutes()).withMetrics(requestMetrics));
    }

    /** Request metrics per entry point, router and service; the dashboard reads them through this bean. */
    @Bean
    RequestMetrics requestMetrics(io.micrometer.core.instrument.MeterRegistry meters, ModelgateProperties props) {
        // off: meters are never created, so requests record nothing (bench/metrics.sh measures the difference)
        return new RequestMetrics(props.metrics().enabled() ? meters : null, RequestMetrics.DEFAULT_BUCKETS);
    }

    /** The ACME certificate resolvers ({@code modelgate.certificates-resolvers.*}); none unless configured. */
    @Bean(destroyMethod = "close")
    AcmeCertificates acmeCertificates(CertificateResolversProperties resolvers, ModelgateProperties props,
                                      LiveProblems problems) {
        Set<String> entryPoints = new java.util.LinkedHashSet<>();
        Entrypoints all = new Entrypoints(props);
        all.routing().forEach(ep -> entryPoints.add(ep.name()));
        return CertificateResolvers.build(resolvers, entryPoints, all.anyTls(), all.defaultResolvers(), problems);
    }

    /** Every server's health (down, ejected, in flight), kept across reloads: selectors, admission and the API read it. */
    @Bean
    ServerStates serverStates() {
        return new ServerStates();
    }

    /** Active health checks on an event loop of their own, with the same Netty client as auth calls. */
    @Bean(destroyMethod = "close")
    ActiveHealthChecks activeHealthChecks(NettyHttpGet http) {
        return new ActiveHealthChecks(http, io.modelgate.gateway.net.Transport.detect().newGroup(1));
    }

    /** Auth calls and error pages go out on the requesting connection's event loop with this client. */
    @Bean(destroyMethod = "close")
    NettyHttpGet serviceClient() {
        return new NettyHttpGet();
    }

    /** The static error-page settings as an errors middleware spec; a bad status list stops the start, named. */
    static ErrorsSpec gatewayErrors(ModelgateProperties.Errors errors) {
        if (errors.service() == null || errors.service().isBlank()) {
            return null;
        }
        try {
            return new ErrorsSpec(StatusRanges.parse(errors.status()), errors.service(), errors.query());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("modelgate.errors: " + e.getMessage(), e);
        }
    }

    /** The one Redis client, when configured; an unreachable Redis stops the start-up, named. */
    @Bean(destroyMethod = "close")
    @org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("'${modelgate.redis.url:}' != ''")
    SharedRedis sharedRedis(ModelgateProperties props) {
        String url = props.redis().url();
        try {
            return SharedRedis.connect(url);
        } catch (RuntimeException e) {
            throw new IllegalStateException("modelgate.redis.url " + url + " is not reachable: " + e.getMessage(), e);
        }
    }

    /** Leases in memory, or in Redis when configured. */
    @Bean
    LeaseRegistry leaseRegistry(ObjectProvider<SharedRedis> redis) {
        SharedRedis shared = redis.getIfAvailable();
        return shared == null ? LeaseRegistry.system() : new LeaseRegistry(Ticker.systemTicker(), shared.strings());
    }

    /** Problems that come and go at run time, listed by {@code /api/problems}. */
    @Bean
    LiveProblems liveProblems() {
        return new LiveProblems();
    }

    /** Rate-limit buckets in memory, or in Redis when configured (with the failure policy). */
    @Bean
    RateLimits rateLimits(ModelgateProperties props, ObjectProvider<SharedRedis> redis, LiveProblems problems,
                          io.micrometer.core.instrument.MeterRegistry meters) {
        SharedRedis shared = redis.getIfAvailable();
        if (shared == null) {
            return RateLimits.inMemory();
        }
        RateLimits limits = RateLimits.inRedis(shared, props.ratelimit().redisFailure(), problems);
        io.micrometer.core.instrument.FunctionCounter.builder("modelgate.ratelimit.redis.fallbacks", limits,
                RateLimits::redisFallbacks).description("rate-limit decisions taken without Redis because it did not "
                + "answer (by the redis-failure policy)").register(meters);
        return limits;
    }

    private static StickyCookies stickyCookies(ModelgateProperties.Sticky sticky) {
        String secret = sticky.secret();
        if (sticky.secretFile() != null && !sticky.secretFile().isBlank()) {
            try {
                secret = java.nio.file.Files.readString(Path.of(sticky.secretFile())).strip();
            } catch (IOException e) {
                throw new IllegalStateException("modelgate.sticky.secret-file " + sticky.secretFile() + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        if (secret == null || secret.isBlank()) {
            org.slf4j.LoggerFactory.getLogger(GatewayConfiguration.class).warn("modelgate.sticky.secret is not set: "
                    + "sticky cookies use a random secret and are honoured only by this process until it restarts");
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            return new StickyCookies(random);
        }
        byte[] bytes = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length < 16) {
            throw new IllegalArgumentException("modelgate.sticky.secret must be at least 16 bytes");
        }
        return new StickyCookies(bytes);
    }

    @Bean
    ConfigMetrics configMetrics(RuntimeConfigHolder holder) {
        return new ConfigMetrics(holder);
    }

    /** The certificates of the TLS entry points, re-read when they change on disk. */
    @Bean(destroyMethod = "close")
    CertificateStore certificateStore(ModelgateProperties props, RuntimeConfigHolder holder, AcmeCertificates acme) {
        return new CertificateStore(() -> acme.serving(holder.current().tls()), TlsProviders.choose(props.tls().provider()),
                props.tls().checkInterval(), acme.tlsChallenges());
    }

    /** The dashboard's rings of recent requests and errors, fed beside the access log. */
    @Bean
    RecentRequests recentRequests(ModelgateProperties props) {
        return new RecentRequests(props.admin().dashboard().recentRequests(), props.admin().dashboard().recentErrors());
    }

    @Bean
    EntrypointServer entrypointServer(ModelgateProperties props, RuntimeConfigHolder holder, AccessLog accessLog,
                                      RecentRequests recent, CertificateStore certificates, @Nullable AuditTrail audit,
                                      AcmeCertificates acme, io.micrometer.core.instrument.MeterRegistry meters,
                                      RequestMetrics requestMetrics) {
        Duration grace = props.shutdown().grace();
        Duration idleGrace = props.shutdown().idleGrace();
        if (idleGrace.isNegative() || idleGrace.compareTo(grace) > 0) {
            throw new BadSetting("modelgate.shutdown.idle-grace=" + idleGrace.toMillis() + "ms must lie between 0 and "
                    + "modelgate.shutdown.grace (" + grace.toMillis() + "ms): idle connections are closed within the drain");
        }
        Entrypoints entrypoints = new Entrypoints(props);
        if (entrypoints.anyTls()) {
            certificates.start();
            acme.start();
        }
        EntrypointServer server = new EntrypointServer(entrypoints.dataPlane(certificates), holder,
                AccessLog.both(audit == null ? accessLog : AccessLog.both(accessLog, audit), recent),
                Runtime.getRuntime().availableProcessors(), grace, idleGrace, requestMetrics);
        for (String ep : server.entrypointNames()) {
            for (String kind : List.of("head", "body")) {
                io.micrometer.core.instrument.FunctionCounter.builder("modelgate.entrypoint.request.timeouts", server,
                                s -> s.edgeTimeouts(ep, kind))
                        .description("requests answered 408 because the head missed its deadline (head) or the body "
                                + "came slower than the minimum rate (body)")
                        .tag("entrypoint", ep).tag("kind", kind).register(meters);
            }
        }
        return server;
    }

    @Bean
    ProviderRunner providerRunner(ModelgateProperties props, RuntimeConfigHolder holder) {
        List<ConfigSource> sources = new ArrayList<>();
        ModelgateProperties.File file = props.providers().file();
        if (file.path() != null && !file.path().isBlank()) {
            sources.add(new FileConfigSource(Path.of(file.path()), file.watch(), Duration.ofMillis(200)));
        }
        ModelgateProperties.Docker docker = props.providers().docker();
        if (docker.active()) {
            sources.add(dockerSource(docker));
        }
        if (demoEnabled(props)) {
            sources.add(new DemoSource(props.demo().port()));
        }
        return new ProviderRunner(sources, holder);
    }

    private static DockerSource dockerSource(ModelgateProperties.Docker d) {
        LabelSettings labels = new LabelSettings(d.labelPrefixes(), d.exposedByDefault(), d.network(), d.defaultRule(),
                d.constraints(), d.modelMiddlewares(), d.modelStripPrefix());
        LabelDecoder decoder = new LabelDecoder(labels);
        return new DockerSource(new DockerSource.Settings(d.endpoint(), d.swarmMode(), d.debounce(), d.resync(),
                d.swarmResync(), RECONNECT_BACKOFF_CAP), decoder::decode);
    }

    @Bean
    EchoServer demoEchoServer(ModelgateProperties props) {
        return demoEnabled(props) ? new EchoServer(props.demo().port()) : null;
    }

    /** On when asked, or automatically when no provider is configured (a fresh install). */
    static boolean demoEnabled(ModelgateProperties props) {
        Boolean enabled = props.demo().enabled();
        if (enabled != null) {
            return enabled;
        }
        String path = props.providers().file().path();
        return (path == null || path.isBlank()) && !Boolean.TRUE.equals(props.providers().docker().enabled());
    }
}
