package io.modelgate.gateway.acme;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.config.TlsConfig;
import io.modelgate.gateway.pipeline.Middleware;
import io.modelgate.gateway.status.LiveProblems;
import io.modelgate.gateway.tls.ChallengeCertificates;
import io.modelgate.gateway.tls.TlsSetup;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which certificates the routers' {@code tls.certresolver} need, and getting them: at start-up the stored ones
 * are served at once; after each configuration change and every {@code checkInterval}, a certificate that is
 * missing or has less than {@code renewBefore} left is ordered (one at a time, on this class's thread), stored,
 * and served from the next handshake on. A failed order is logged, listed in {@code /api/problems}, and tried
 * again after 5 minutes, then less often (up to an hour); the stored certificate, if any, is served meanwhile.
 */
public final class AcmeCertificates implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeCertificates.class);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(5);
    private static final Duration LAST_RETRY = Duration.ofHours(1);

    /** One configured resolver. */
    record Resolver(String name, AcmeIssuer issuer, AcmeStorage storage, Duration renewBefore) {
    }

    private final Map<String, Resolver> resolvers;
    private final Map<String, Middleware> challenges;
    private final ChallengeCertificates tlsAlpn01;
    private final Duration checkInterval;
    private final LiveProblems problems;
    private final Clock clock;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "modelgate-acme");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> failing = new HashSet<>();
    private Duration retry = FIRST_RETRY;
    private volatile List<TlsConfig.Certificate> issued = List.of();
    private TlsSetup lastIn;
    private TlsSetup lastOut;
    private List<TlsConfig.Certificate> lastIssued;

    /**
     * One resolver's settings.
     *
     * @param storage             its JSON file; resolvers may share one (each has its own section, as in Traefik)
     * @param caCertificates      PEM files of the CAs its server's TLS certificate is checked against (empty: the JDK's)
     * @param challengeEntryPoint the entry point that answers its HTTP-01 challenges, or null for none
     * @param tlsChallenge        it answers TLS-ALPN-01 on the TLS entry points (used when HTTP-01 is not)
     */
    public record Settings(String name, String email, java.nio.file.Path storage, String caServer,
                           List<java.nio.file.Path> caCertificates, String keyType, Duration renewBefore,
                           String challengeEntryPoint, boolean tlsChallenge) {
    }

    /**
     * The resolvers, answering HTTP-01 through {@code http01} and TLS-ALPN-01 through {@code tlsAlpn01};
     * {@code checkInterval} is the shortest of theirs.
     */
    public static AcmeCertificates of(List<Settings> settings, Http01Responder http01, TlsAlpn01Responder tlsAlpn01,
                                      Duration checkInterval, LiveProblems problems, Clock clock) {
        Map<String, Resolver> resolvers = new LinkedHashMap<>();
        Map<String, Middleware> challenges = new LinkedHashMap<>();
        for (Settings s : settings) {
            if (s.challengeEntryPoint() != null) {
                challenges.put(s.challengeEntryPoint(), http01);
            }
            AcmeIssuer.certificateKey(s.keyType()); // an unknown key type fails here, at start-up, not at the first order
            AcmeStorage storage = new AcmeStorage(s.storage(), s.name());
            AcmeIssuer issuer = new AcmeIssuer(s.caServer(), s.caCertificates(), s.email(), s.keyType(), storage,
                    s.challengeEntryPoint() == null ? null : http01, s.tlsChallenge() ? tlsAlpn01 : null);
            resolvers.put(s.name(), new Resolver(s.name(), issuer, storage, s.renewBefore()));
        }
        return new AcmeCertificates(resolvers, challenges, tlsAlpn01, checkInterval, problems, clock);
    }

    AcmeCertificates(Map<String, Resolver> resolvers, Map<String, Middleware> challenges, ChallengeCertificates tlsAlpn01,
                     Duration checkInterval, LiveProblems problems, Clock clock) {
        this.resolvers = new LinkedHashMap<>(resolvers);
        this.tlsAlpn01 = tlsAlpn01;
        this.challenges = Map.copyOf(challenges);
        this.checkInterval = checkInterval;
        this.problems = problems;
        this.clock = clock;
    }

    /** The TLS-ALPN-01 validation certificates, answered on every TLS entry point. */
    public ChallengeCertificates tlsChallenges() {
        return tlsAlpn01;
    }

    /** The HTTP-01 answer for each challenge entry point. */
    public Map<String, Middleware> challengeRoutes() {
        return challenges;
    }

    /** Serves what is stored and starts the periodic check; nothing when there is no resolver. */
    public void start() {
        if (resolvers.isEmpty()) {
            return;
        }
        reloadStored();
        long every = checkInterval.toMillis();
        worker.scheduleWithFixedDelay(this::checkNow, every, every, TimeUnit.MILLISECONDS);
    }

    /** The resolver names routers may use. */
    public Set<String> names() {
        return resolvers.keySet();
    }

    /**
     * The TLS setup to serve: the configuration's plus the resolvers' certificates. Cheap when nothing changed
     * (called before handshakes); a new configuration also starts a check of what it needs.
     */
    public synchronized TlsSetup serving(TlsSetup in) {
        if (resolvers.isEmpty()) {
            return in;
        }
        List<TlsConfig.Certificate> now = issued;
        if (in == lastIn && now == lastIssued) {
            return lastOut;
        }
        if (in != lastIn) {
            worker.execute(this::checkNow);
        }
        List<TlsConfig.Certificate> certs = new ArrayList<>(in.certificates());
        certs.addAll(now);
        lastIn = in;
        lastIssued = now;
        lastOut = new TlsSetup(certs, in.defaultCertificate(), in.options(), in.optionsByHost(), in.acme());
        return lastOut;
    }

    private void checkNow() {
        TlsSetup setup;
        synchronized (this) {
            setup = lastIn;
        }
        if (setup == null) {
            return;
        }
        boolean anyFailed = false;
        for (TlsSetup.AcmeRequest request : setup.acme()) {
            Resolver r = resolvers.get(request.resolver());
            if (r != null && needed(r, request.domains())) {
                anyFailed |= !order(r, request);
            }
        }
        if (anyFailed) {
            worker.schedule(this::checkNow, retry.toMillis(), TimeUnit.MILLISECONDS);
            retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        } else {
            retry = FIRST_RETRY;
        }
    }

    private boolean needed(Resolver r, List<String> domains) {
        try {
            for (AcmeStorage.Stored s : r.storage().certificates()) {
                if (new HashSet<>(s.domains()).equals(new HashSet<>(domains))) {
                    return notAfter(s.chainPem()).minus(r.renewBefore()).isBefore(clock.instant());
                }
            }
            return true;
        } catch (Exception e) {
            LOG.warn("ACME resolver {}: its storage cannot be read: {}", r.name(), e.getMessage());
            return false;
        }
    }

    private boolean order(Resolver r, TlsSetup.AcmeRequest request) {
        String key = "acme/" + r.name() + "/" + String.join(",", request.domains());
        try {
            LOG.info("ACME resolver {}: ordering a certificate for {} (router {})", r.name(), request.domains(), request.router());
            AcmeStorage.Stored s = r.issuer().issue(request.domains());
            LOG.info("ACME resolver {}: certificate for {} issued, valid until {}", r.name(), s.domains(), notAfter(s.chainPem()));
            problems.clear(key);
            failing.remove(key);
            reloadStored();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            if (failing.add(key)) {
                LOG.warn("ACME resolver {}: no certificate for {}: {}", r.name(), request.domains(), e.getMessage());
            }
            problems.report(key, new Problem("acme", "certificatesResolvers." + r.name(), "router " + request.router(),
                    "no certificate for " + String.join(", ", request.domains()) + ": " + e.getMessage()
                            + " (tried again later; the router is served with the other certificates meanwhile)"));
            return false;
        }
    }

    /** Every resolver's stored certificates, as inline PEM for the certificate store. */
    private void reloadStored() {
        List<TlsConfig.Certificate> all = new ArrayList<>();
        for (Resolver r : resolvers.values()) {
            try {
                for (AcmeStorage.Stored s : r.storage().certificates()) {
                    all.add(new TlsConfig.Certificate(s.chainPem(), s.keyPem(), "acme resolver " + r.name() + " " + s.domains()));
                }
            } catch (Exception e) {
                LOG.warn("ACME resolver {}: its storage cannot be read: {}", r.name(), e.getMessage());
            }
        }
        issued = List.copyOf(all);
    }

    static Instant notAfter(String chainPem) throws Exception {
        X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(chainPem.getBytes(StandardCharsets.US_ASCII)));
        return leaf.getNotAfter().toInstant();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
