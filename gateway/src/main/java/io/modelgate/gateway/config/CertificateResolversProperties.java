package io.modelgate.gateway.config;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Traefik's {@code certificatesResolvers.<name>.acme.*} as {@code modelgate.certificates-resolvers.<name>.acme.*}:
 * certificates requested from an ACME CA (Let's Encrypt by default) for the routers whose {@code tls.certresolver}
 * names the resolver (docs/acme.md).
 *
 * @param certificatesResolvers the resolvers by name
 */
@ConfigurationProperties("modelgate")
public record CertificateResolversProperties(Map<String, Resolver> certificatesResolvers) {

    public CertificateResolversProperties {
        certificatesResolvers = certificatesResolvers == null ? Map.of() : Map.copyOf(certificatesResolvers);
    }

    /** @param acme the resolver's ACME settings (the only kind of resolver, as in Traefik) */
    public record Resolver(Acme acme) {
    }

    /**
     * @param email         the account's contact address
     * @param storage       the JSON file of the account and its certificates (Traefik's {@code acme.json} layout; 0600)
     * @param caServer      the CA's directory URL
     * @param caCertificates PEM files of the CAs that sign the CA server's own TLS certificate (a private CA, a test
     *                      CA); empty: the JDK's trusted roots
     * @param httpChallenge the HTTP-01 challenge: the entry point (port 80 to the world) that answers it
     * @param tlsChallenge  answer the TLS-ALPN-01 challenge on the TLS entry points (the CA connects to port 443);
     *                      used when there is no {@code httpChallenge} or the CA does not offer HTTP-01
     * @param keyType       the certificates' key: RSA2048, RSA4096 (Traefik's default), EC256 or EC384
     * @param renewBefore   a certificate is renewed when it has less than this left (Traefik: a third of 90 days)
     * @param checkInterval how often the certificates' expiry is checked
     */
    public record Acme(String email, @DefaultValue("acme.json") String storage,
                       @DefaultValue("https://acme-v02.api.letsencrypt.org/directory") String caServer,
                       java.util.List<String> caCertificates,
                       HttpChallenge httpChallenge, @DefaultValue("false") boolean tlsChallenge,
                       @DefaultValue("RSA4096") String keyType, @DefaultValue("30d") Duration renewBefore,
                       @DefaultValue("12h") Duration checkInterval) {

        public Acme {
            caCertificates = caCertificates == null ? java.util.List.of() : java.util.List.copyOf(caCertificates);
        }
    }

    /** @param entryPoint the entry point whose {@code /.well-known/acme-challenge/} answers the CA */
    public record HttpChallenge(String entryPoint) {
    }
}
