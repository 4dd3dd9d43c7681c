package io.modelgate.gateway.config;

import io.modelgate.discovery.Problem;
import io.modelgate.gateway.acme.AcmeCertificates;
import io.modelgate.gateway.acme.Http01Responder;
import io.modelgate.gateway.status.LiveProblems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACME resolvers from {@code modelgate.certificates-resolvers.*}, checked at start-up. A resolver needs the
 * HTTP-01 challenge; one without it (a Traefik stack that only uses TLS-ALPN-01, not supported yet) orders
 * nothing, which is logged and listed in {@code /api/problems} while the gateway runs. A challenge entry point
 * that does not exist, an unknown key type or bad durations stop the start with one line.
 */
final class CertificateResolvers {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateResolvers.class);

    private CertificateResolvers() {
    }

    /** The resolvers (none, when none is configured); a bad setting stops the start with one line. */
    static AcmeCertificates build(CertificateResolversProperties props, Set<String> entryPoints, LiveProblems problems) {
        List<AcmeCertificates.Settings> settings = new ArrayList<>();
        Duration check = Duration.ofHours(12);
        for (var e : props.certificatesResolvers().entrySet()) {
            String p = "modelgate.certificates-resolvers." + e.getKey() + ".acme.";
            CertificateResolversProperties.Acme a = e.getValue().acme();
            if (a == null) {
                throw new BadSetting(p.substring(0, p.length() - 1) + " is missing: a resolver is an ACME resolver");
            }
            String ep = a.httpChallenge() == null ? null : a.httpChallenge().entryPoint();
            if (ep == null || ep.isBlank()) {
                // a Traefik stack with tlsChallenge only keeps running: the routers get the other certificates
                String why = (a.tlsChallenge() ? "the TLS-ALPN-01 challenge (tls-challenge) is not supported yet, and "
                        : "") + p + "http-challenge.entry-point is not set: the resolver orders nothing; routers naming it are "
                        + "served with the other certificates (set it to the entry point the CA reaches on port 80)";
                LOG.warn("certificate resolver {}: {}", e.getKey(), why);
                problems.report("acme/" + e.getKey(), new Problem("acme", "certificatesResolvers." + e.getKey(),
                        "modelgate.certificates-resolvers." + e.getKey(), why));
                continue;
            }
            if (!entryPoints.contains(ep)) {
                throw new BadSetting(p + "http-challenge.entry-point=" + ep + ": no such entry point (known: "
                        + String.join(", ", entryPoints) + ")");
            }
            if (a.renewBefore().isNegative() || a.checkInterval().isZero() || a.checkInterval().isNegative()) {
                throw new BadSetting(p + "renew-before must not be negative and check-interval must be positive");
            }
            if (a.tlsChallenge()) {
                LOG.warn("certificate resolver {}: tls-challenge is not supported yet; the HTTP-01 challenge on {} is used",
                        e.getKey(), ep);
            }
            settings.add(new AcmeCertificates.Settings(e.getKey(), a.email(), Path.of(a.storage()), a.caServer(),
                    a.caCertificates().stream().map(Path::of).toList(), a.keyType(),
                    a.renewBefore(), ep));
            check = a.checkInterval().compareTo(check) < 0 ? a.checkInterval() : check;
        }
        try {
            return AcmeCertificates.of(settings, new Http01Responder(), check, problems, Clock.systemUTC());
        } catch (IllegalArgumentException ex) {
            throw new BadSetting("modelgate.certificates-resolvers: " + ex.getMessage());
        }
    }
}
