package io.modelgate.gateway.acme;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * One resolver's dealings with its CA through acme4j: the account (made once, then reused from storage) and
 * orders answered by HTTP-01 or TLS-ALPN-01. Blocking (network round trips and polling): runs on the resolver's
 * own thread.
 */
final class AcmeIssuer {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private final String caServer;
    private final List<java.nio.file.Path> caCertificates;
    private final String email;
    private final String keyType;
    private final AcmeStorage storage;
    private final Http01Responder http01;
    private final TlsAlpn01Responder tlsAlpn01;
    private Login login;

    /**
     * @param http01    answers HTTP-01 on the resolver's challenge entry point, or null when it has none
     * @param tlsAlpn01 answers TLS-ALPN-01 on the TLS entry points, or null without {@code tlsChallenge}
     */
    AcmeIssuer(String caServer, List<java.nio.file.Path> caCertificates, String email, String keyType, AcmeStorage storage,
               Http01Responder http01, TlsAlpn01Responder tlsAlpn01) {
        this.tlsAlpn01 = tlsAlpn01;
        this.caServer = caServer;
        this.caCertificates = List.copyOf(caCertificates);
        this.email = email;
        this.keyType = keyType;
        this.storage = storage;
        this.http01 = http01;
    }

    /** A new certificate for the domains (the first one is the subject), stored before it is returned. */
    AcmeStorage.Stored issue(List<String> domains) throws IOException, AcmeException, InterruptedException {
        Login l = login();
        Order order = l.newOrder().domains(domains).create();
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() != Status.VALID) {
                authorize(auth);
            }
        }
        order.waitUntilReady(WAIT);
        KeyPair key = certificateKey(keyType);
        order.execute(key);
        Status done = order.waitForCompletion(WAIT);
        if (done != Status.VALID) {
            throw new AcmeException("the order for " + domains + " ended " + done
                    + order.getError().map(p -> ": " + p).orElse(""));
        }
        StringWriter chain = new StringWriter();
        order.getCertificate().writeCertificate(chain);
        AcmeStorage.Stored stored = new AcmeStorage.Stored(List.copyOf(domains), chain.toString(), pkcs8Pem(key));
        storage.saveCertificate(stored);
        return stored;
    }

    /**
     * Proves control of one name: by HTTP-01 when the resolver has a challenge entry point and the CA offers it,
     * else by TLS-ALPN-01 when the resolver has {@code tlsChallenge}.
     */
    private void authorize(Authorization auth) throws AcmeException, InterruptedException {
        String domain = auth.getIdentifier().getDomain();
        var http = http01 == null ? java.util.Optional.<Http01Challenge>empty() : auth.findChallenge(Http01Challenge.class);
        if (http.isPresent()) {
            Http01Challenge challenge = http.get();
            http01.expect(challenge.getToken(), challenge.getAuthorization());
            try {
                complete(challenge, "http-01", domain);
            } finally {
                http01.forget(challenge.getToken());
            }
            return;
        }
        var alpn = tlsAlpn01 == null ? java.util.Optional.<TlsAlpn01Challenge>empty() : auth.findChallenge(TlsAlpn01Challenge.class);
        if (alpn.isEmpty()) {
            throw new AcmeException("the CA offers no " + (http01 == null ? "" : "http-01") + (http01 != null && tlsAlpn01 != null
                    ? " or " : "") + (tlsAlpn01 == null ? "" : "tls-alpn-01") + " challenge for " + domain);
        }
        TlsAlpn01Challenge challenge = alpn.get();
        try {
            KeyPair key = rsa(2048); // acme4j signs the validation certificate with SHA256withRSA (an EC key fails)
            tlsAlpn01.expect(domain, key, challenge.createCertificate(key, auth.getIdentifier()));
        } catch (java.security.GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw new AcmeException("cannot make the tls-alpn-01 certificate for " + domain + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
        }
        try {
            complete(challenge, "tls-alpn-01", domain);
        } finally {
            tlsAlpn01.forget(domain);
        }
    }

    private static void complete(Challenge challenge, String type, String domain) throws AcmeException, InterruptedException {
        challenge.trigger();
        Status s = challenge.waitForCompletion(WAIT);
        if (s != Status.VALID) {
            throw new AcmeException(type + " for " + domain + " failed: "
                    + challenge.getError().map(Object::toString).orElse(s.toString()));
        }
    }

    private Login login() throws IOException, AcmeException {
        if (login != null) {
            return login;
        }
        Session session = caCertificates.isEmpty() ? new Session(URI.create(caServer))
                : new Session(URI.create(caServer), new TrustingProvider(trusting(caCertificates)));
        AcmeStorage.Account known = storage.account();
        if (known != null && known.location() != null) {
            login = session.login(URI.create(known.location()).toURL(), known.key());
            return login;
        }
        KeyPair key;
        try {
            key = known != null ? known.key() : rsa(4096);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot make an account key: " + e.getMessage(), e);
        }
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(key);
        if (email != null && !email.isBlank()) {
            builder.addEmail(email);
        }
        Account account = builder.create(session);
        URL location = account.getLocation();
        storage.saveAccount(new AcmeStorage.Account(email == null ? "" : email, location.toString(), key));
        login = session.login(location, key);
        return login;
    }

    /** The CA's directory reached with a TLS client that trusts only the given certificates (Traefik's caCertificates). */
    private static final class TrustingProvider extends GenericAcmeProvider {
        private final SSLContext tls;

        TrustingProvider(SSLContext tls) {
            this.tls = tls;
        }

        @Override
        protected HttpConnector createHttpConnector(NetworkSettings settings) {
            return new HttpConnector(settings) {
                @Override
                public HttpClient.Builder createClientBuilder() {
                    return super.createClientBuilder().sslContext(tls);
                }
            };
        }
    }

    static SSLContext trusting(List<java.nio.file.Path> pemFiles) throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int n = 0;
            for (java.nio.file.Path f : pemFiles) {
                try (var in = java.nio.file.Files.newInputStream(f)) {
                    for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        trust.setCertificateEntry("ca" + n++, cert);
                    }
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("caCertificates " + pemFiles + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** Traefik's key types. */
    static KeyPair certificateKey(String keyType) {
        try {
            return switch (keyType.toUpperCase(Locale.ROOT)) {
                case "RSA2048" -> rsa(2048);
                case "RSA4096" -> rsa(4096);
                case "EC256" -> ec("secp256r1");
                case "EC384" -> ec("secp384r1");
                default -> throw new IllegalArgumentException("keyType " + keyType + " is not one of RSA2048, RSA4096, EC256, EC384");
            };
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a " + keyType + " key: " + e.getMessage(), e);
        }
    }

    // the JDK's generators: acme4j's KeyPairUtils needs Bouncy Castle registered as a JCA provider for EC keys
    static KeyPair rsa(int bits) throws java.security.GeneralSecurityException {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private static KeyPair ec(String curve) throws java.security.GeneralSecurityException {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static String pkcs8Pem(KeyPair key) {
        List<String> lines = new ArrayList<>();
        lines.add("-----BEGIN PRIVATE KEY-----");
        lines.add(Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded()));
        lines.add("-----END PRIVATE KEY-----");
        return String.join("\n", lines) + "\n";
    }
}
