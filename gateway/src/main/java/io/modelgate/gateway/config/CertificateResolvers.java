package io.modelgate.gateway.config;

import io.modelgate.discovery.Problem;
import io.modelgate.gateway.acme.AcmeCertificates;
import io.modelgate.gateway.acme.Http01Responder;
import io.modelgate.gateway.acme.TlsAlpn01Responder;
import io.modelgate.gateway.status.LiveProblems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACME resolvers from {@code modelgate.certificates-resolvers.*}, checked at start-up. A resolver answers
 * HTTP-01 on its {@code http-challenge.entry-point}, or TLS-ALPN-01 on the TLS entry points with
 * {@code tls-challenge=true} (HTTP-01 first when both are set); one with neither orders nothing, which is logged
 * and listed in {@code /api/problems} while the gateway runs. A challenge entry point that does not exist,
 * {@code tls-challenge} without a TLS entry point, an entry point's default resolver that is not configured,
 * an unknown key type or bad durations stop the start with one line.
 */
final class CertificateResolvers {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateResolvers.class);

    private CertificateResolvers() {
    }

    /**
     * The resolvers (none, when none is configured); a bad setting stops the start with one line.
     *
     * @param entryPoints      the enabled entry points' names
     * @param anyTls           some entry point terminates TLS (where TLS-ALPN-01 is answered)
     * @param defaultResolvers each entry point's {@code tls.cert-resolver}, by entry point
     */
    static AcmeCertificates build(CertificateResolversProperties props, Set<String> entryPoints, boolean anyTls,
                                  Map<String, String> defaultResolvers, LiveProblems problems) {
        defaultResolvers.forEach((ep, resolver) -> {
            if (!props.certificatesResolvers().containsKey(resolver)) {
                throw new BadSetting("modelgate.entrypoints." + ep + ".tls.cert-resolver=" + resolver
                        + ": no such resolver (set modelgate.certificates-resolvers." + resolver + ".acme.*"
                        + (props.certificatesResolvers().isEmpty() ? "" : "; known: "
                        + String.join(", ", new java.util.TreeSet<>(props.certificatesResolvers().keySet()))) + ")");
            }
        });
        List<AcmeCertificates.Settings> settings = new ArrayList<>();
        Duration check = Duration.ofHours(12);
        for (var e : props.certificatesResolvers().entrySet()) {
            String p = "modelgate.certificates-resolvers." + e.getKey() + ".acme.";
            CertificateResolversProperties.Acme a = e.getValue().acme();
            if (a == null) {
                throw new BadSetting(p.substring(0, p.length() - 1) + " is missing: a resolver is an ACME resolver");
            }
            String ep = a.httpChallenge() == null || a.httpChallenge().entryPoint() == null
                    || a.httpChallenge().entryPoint().isBlank() ? null : a.httpChallenge().entryPoint();
            if (ep == null && !a.tlsChallenge()) {
                // a Traefik stack with dnsChallenge only keeps running: the routers get the other certificates
                String why = p + "http-challenge.entry-point and " + p + "tls-challenge are not set: the resolver orders "
                        + "nothing; routers naming it are served with the other certificates (set the entry point the "
                        + "CA reaches on port 80, or tls-challenge=true to be validated on port 443)";
                LOG.warn("certificate resolver {}: {}", e.getKey(), why);
                problems.report("acme/" + e.getKey(), new Problem("acme", "certificatesResolvers." + e.getKey(),
                        "modelgate.certificates-resolvers." + e.getKey(), why));
                continue;
            }
            if (ep != null && !entryPoints.contains(ep)) {
                throw new BadSetting(p + "http-challenge.entry-point=" + ep + ": no such entry point (known: "
                        + String.join(", ", entryPoints) + ")");
            }
            if (ep == null && !anyTls) {
                throw new BadSetting(p + "tls-challenge=true: no entry point terminates TLS, so none can answer it "
                        + "(set modelgate.entrypoints.<name>.tls.enabled=true on the one the CA reaches on port 443)");
            }
            if (a.renewBefore().isNegative() || a.checkInterval().isZero() || a.checkInterval().isNegative()) {
                throw new BadSetting(p + "renew-before must not be negative and check-interval must be positive");
            }
            settings.add(new AcmeCertificates.Settings(e.getKey(), a.email(), Path.of(a.storage()), a.caServer(),
                    a.caCertificates().stream().map(Path::of).toList(), a.keyType(),
                    a.renewBefore(), ep, a.tlsChallenge()));
            check = a.checkInterval().compareTo(check) < 0 ? a.checkInterval() : check;
        }
        try {
            return AcmeCertificates.of(settings, new Http01Responder(), new TlsAlpn01Responder(), check, problems,
                    Clock.systemUTC());
        } catch (IllegalArgumentException ex) {
            throw new BadSetting("modelgate.certificates-resolvers: " + ex.getMessage());
        }
    }
}
