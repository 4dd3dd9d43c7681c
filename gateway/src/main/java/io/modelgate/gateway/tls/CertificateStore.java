package io.modelgate.gateway.tls;

import io.modelgate.discovery.config.TlsConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.Mapping;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates being served. Re-reads them when the TLS configuration changes and when one of their files
 * changes on disk (checked every couple of seconds: a renewed certificate is served without a restart; a file
 * that cannot be read or parsed keeps the last good version, with one warning per change). Handshakes read
 * the current snapshot: a name is served by the certificate that names it exactly, then by a wildcard, then
 * the default certificate, then the first one — unless the name's TLS options say {@code sniStrict}.
 */
public final class CertificateStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateStore.class);

    private final Supplier<TlsSetup> setups;
    private final SslProvider provider;
    private final ScheduledExecutorService timer;
    private final Duration checkEvery;
    private volatile Snapshot current = new Snapshot(TlsSetup.EMPTY, List.of(), null, Map.of());
    /** Stamps already warned about, so a broken file is reported once per change, not every check. */
    private final Set<String> warned = new HashSet<>();

    private final ChallengeCertificates challenges;

    /** @param challenges the ACME {@code tls-alpn-01} validation certificates answered on every TLS entry point */
    public CertificateStore(Supplier<TlsSetup> setups, SslProvider provider, Duration checkEvery,
                            ChallengeCertificates challenges) {
        this.challenges = challenges;
        this.setups = setups;
        this.provider = provider;
        this.checkEvery = checkEvery;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "modelgate-certificates");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        refresh();
        timer.scheduleWithFixedDelay(() -> {
            try {
                refresh();
            } catch (RuntimeException e) {
                LOG.warn("certificate check failed: {}", e.toString());
            }
        }, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    public SslProvider provider() {
        return provider;
    }

    /** How many certificates are being served (for the start-up log and tests). */
    public int size() {
        return current.certs.size() + (current.defaultCert == null ? 0 : 1);
    }

    public CertificateStore(Supplier<TlsSetup> setups, SslProvider provider, Duration checkEvery) {
        this(setups, provider, checkEvery, ChallengeCertificates.NONE);
    }

    /** A new connection's certificate selection: by SNI, and ACME's validation handshakes (see {@link AcmeTlsSniHandler}). */
    public AcmeTlsSniHandler handshakeHandler(String defaultOptions, boolean h2) {
        return new AcmeTlsSniHandler(mapping(defaultOptions, h2), challenges);
    }

    /**
     * The SNI mapping of an entry point.
     *
     * @param defaultOptions qualified TLS options for names no router chose options for (null: Traefik's
     *                       {@code default} options if a provider defines them, else the built-in defaults)
     * @param h2             offer HTTP/2 by ALPN
     */
    public Mapping<String, SslContext> mapping(String defaultOptions, boolean h2) {
        return host -> {
            if (setups.get() != current.setup) {
                refresh(); // a new configuration since the last check: its certificates before the first handshake
            }
            return current.context(host, defaultOptions, h2, provider);
        };
    }

    /** Re-reads what changed; cheap when nothing did (a stat per file). */
    synchronized void refresh() {
        TlsSetup setup = setups.get();
        Snapshot before = current;
        if (setup == before.setup && before.stamps.equals(stamps(setup))) {
            return;
        }
        Map<TlsConfig.Certificate, PemCertificate> loaded = new HashMap<>();
        List<PemCertificate> certs = new ArrayList<>();
        for (TlsConfig.Certificate c : setup.certificates()) {
            PemCertificate p = load(c, before);
            if (p != null) {
                certs.add(p);
                loaded.put(c, p);
            }
        }
        PemCertificate def = setup.defaultCertificate() == null ? null : load(setup.defaultCertificate(), before);
        if (def != null) {
            loaded.put(setup.defaultCertificate(), def);
        }
        current = new Snapshot(setup, certs, def, loaded);
        PemCertificate any = def != null ? def : certs.isEmpty() ? null : certs.getFirst();
        if (any != null && setup != before.setup) {
            setup.options().forEach((name, o) -> {
                try {
                    SslContexts.server(any, o, false, provider);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("TLS options {} ({}) cannot be used: {}; handshakes that need them fail", name, o.origin(),
                            e.getMessage());
                }
            });
        }
        if (!before.loaded.equals(loaded) && !loaded.isEmpty()) {
            LOG.info("TLS: serving {} certificate(s){}", certs.size(), def == null ? "" : " and a default certificate");
        }
    }

    private Map<TlsConfig.Certificate, String> stamps(TlsSetup setup) {
        Map<TlsConfig.Certificate, String> out = new HashMap<>();
        setup.certificates().forEach(c -> out.put(c, PemCertificate.stamp(c)));
        if (setup.defaultCertificate() != null) {
            out.put(setup.defaultCertificate(), PemCertificate.stamp(setup.defaultCertificate()));
        }
        return out;
    }

    /** The certificate as on disk now; the last good one if it cannot be used; null if there never was one. */
    private PemCertificate load(TlsConfig.Certificate c, Snapshot before) {
        PemCertificate previous = before.loaded.get(c);
        String stamp = PemCertificate.stamp(c);
        if (previous != null && previous.stamp().equals(stamp)) {
            return previous;
        }
        try {
            PemCertificate p = PemCertificate.load(c);
            SslContexts.server(p, TlsConfig.TlsOptions.DEFAULT, false, provider); // the key and chain must be usable now
            return p;
        } catch (IOException | RuntimeException e) {
            if (warned.add(c + stamp)) {
                LOG.warn("TLS certificate {} ({}) cannot be used: {}{}", c.certFile().startsWith("-----") ? "inline" : c.certFile(),
                        c.origin(), e.getMessage(), previous == null ? "" : "; the previous version is still served");
            }
            return previous;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The certificates at one moment, and the contexts built for them so far. */
    private record Snapshot(TlsSetup setup, List<PemCertificate> certs, PemCertificate defaultCert,
                            Map<TlsConfig.Certificate, PemCertificate> loaded, Map<TlsConfig.Certificate, String> stamps,
                            Map<ContextKey, SslContext> contexts) {

        Snapshot(TlsSetup setup, List<PemCertificate> certs, PemCertificate defaultCert,
                 Map<TlsConfig.Certificate, PemCertificate> loaded) {
            this(setup, List.copyOf(certs), defaultCert, Map.copyOf(loaded), stampsOf(loaded), new ConcurrentHashMap<>());
        }

        private static Map<TlsConfig.Certificate, String> stampsOf(Map<TlsConfig.Certificate, PemCertificate> loaded) {
            Map<TlsConfig.Certificate, String> out = new HashMap<>();
            loaded.forEach((c, p) -> out.put(c, p.stamp()));
            return out;
        }

        SslContext context(String host, String defaultOptions, boolean h2, SslProvider provider) {
            String h = host == null ? null : host.toLowerCase(Locale.ROOT);
            String optionsName = h == null ? null : setup.optionsByHost().get(h);
            if (optionsName == null) {
                optionsName = defaultOptions != null ? defaultOptions : setup.defaultOptionsName();
            }
            TlsConfig.TlsOptions options = optionsName == null ? TlsConfig.TlsOptions.DEFAULT
                    : setup.options().getOrDefault(optionsName, TlsConfig.TlsOptions.DEFAULT);
            PemCertificate cert = select(h);
            if (cert == null) {
                if (options.sniStrict()) {
                    throw new IllegalArgumentException("no certificate for '" + host + "' and sniStrict is set");
                }
                cert = defaultCert != null ? defaultCert : certs.isEmpty() ? null : certs.getFirst();
            }
            if (cert == null) {
                throw new IllegalStateException("no TLS certificate is configured");
            }
            PemCertificate chosen = cert;
            return contexts.computeIfAbsent(new ContextKey(chosen, optionsName, h2), k -> {
                try {
                    return SslContexts.server(chosen, options, h2, provider);
                } catch (IOException e) {
                    throw new IllegalStateException("TLS options " + k.options() + ": " + e.getMessage(), e);
                }
            });
        }

        private PemCertificate select(String host) {
            if (host == null) {
                return null;
            }
            for (PemCertificate c : certs) {
                if (c.covers(host)) {
                    return c;
                }
            }
            for (PemCertificate c : certs) {
                if (c.coversByWildcard(host)) {
                    return c;
                }
            }
            if (defaultCert != null && (defaultCert.covers(host) || defaultCert.coversByWildcard(host))) {
                return defaultCert;
            }
            return null;
        }
    }

    private record ContextKey(PemCertificate cert, String options, boolean h2) {
    }
}
