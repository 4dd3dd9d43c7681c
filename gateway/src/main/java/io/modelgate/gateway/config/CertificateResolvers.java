package io.modelgate.gateway.config;

import io.modelgate.gateway.acme.AcmeCertificates;
import io.modelgate.gateway.acme.Http01Responder;
import io.modelgate.gateway.status.LiveProblems;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The ACME resolvers from {@code modelgate.certificates-resolvers.*}, checked at start-up: each needs the
 * HTTP-01 challenge on an entry point that exists (TLS-ALPN-01 and DNS-01 are refused by name, not ignored).
 */
final class CertificateResolvers {

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
            if (a.tlsChallenge()) {
                throw new BadSetting(p + "tls-challenge: the TLS-ALPN-01 challenge is not supported yet; use "
                        + p + "http-challenge.entry-point=<an entry point on port 80>");
            }
            String ep = a.httpChallenge() == null ? null : a.httpChallenge().entryPoint();
            if (ep == null || ep.isBlank()) {
                throw new BadSetting(p + "http-challenge.entry-point is not set: name the entry point the CA reaches on port 80 "
                        + "(e.g. web)");
            }
            if (!entryPoints.contains(ep)) {
                throw new BadSetting(p + "http-challenge.entry-point=" + ep + ": no such entry point (known: "
                        + String.join(", ", entryPoints) + ")");
            }
            if (a.renewBefore().isNegative() || a.checkInterval().isZero() || a.checkInterval().isNegative()) {
                throw new BadSetting(p + "renew-before must not be negative and check-interval must be positive");
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
