package io.modelgate.gateway.tls;

import io.modelgate.discovery.config.TlsConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traefik's TLS options as a Netty server {@link SslContext} for one certificate. Cipher suites name TLS 1.2
 * (and older) suites, as in Traefik, whose Go runtime does not let TLS 1.3 suites be chosen: the three TLS 1.3
 * suites are always kept, so restricting 1.2 never disables 1.3.
 */
final class SslContexts {

    private static final Map<String, String> VERSIONS = Map.of("VersionTLS10", "TLSv1", "VersionTLS11", "TLSv1.1",
            "VersionTLS12", "TLSv1.2", "VersionTLS13", "TLSv1.3");
    private static final List<String> ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    private static final List<String> TLS13_SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    private SslContexts() {
    }

    /**
     * @param h2 offer {@code h2} by ALPN (when the options list it and the entry point serves HTTP/2)
     * @throws IOException a key, certificate or CA that cannot be used, or an option the provider cannot honour
     */
    static SslContext server(PemCertificate cert, TlsConfig.TlsOptions o, boolean h2, SslProvider provider) throws IOException {
        SslContextBuilder b;
        try {
            b = SslContextBuilder.forServer(new ByteArrayInputStream(cert.chain()), new ByteArrayInputStream(cert.key()))
                    .sslProvider(provider);
        } catch (IllegalArgumentException e) {
            throw new IOException("the key or certificate cannot be used: " + e.getMessage(), e);
        }
        b.protocols(protocols(o.minVersion(), o.maxVersion()));
        if (!o.cipherSuites().isEmpty()) {
            Set<String> supported = supportedSuites(provider);
            for (String suite : o.cipherSuites()) {
                if (!supported.contains(suite)) {
                    throw new IOException("cipher suite " + suite + " is not supported by the " + provider + " provider");
                }
            }
            List<String> suites = new ArrayList<>(o.cipherSuites());
            suites.addAll(TLS13_SUITES);
            b.ciphers(suites);
        }
        List<String> alpn = o.alpnProtocols().stream().filter(p -> h2 || !p.equals("h2")).toList();
        if (!alpn.isEmpty()) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        if (!o.clientAuth().equals("NoClientCert")) {
            b.trustManager(new ByteArrayInputStream(cas(o.clientCas())));
            b.clientAuth(o.clientAuth().equals("RequireAndVerifyClientCert") ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException | javax.net.ssl.SSLException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static Set<String> supportedSuites(SslProvider provider) throws IOException {
        if (provider != SslProvider.JDK) {
            return io.netty.handler.ssl.OpenSsl.availableJavaCipherSuites();
        }
        try {
            return Set.of(javax.net.ssl.SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    /** The protocol versions from {@code min} to {@code max} (null: the newest). */
    static String[] protocols(String min, String max) {
        int from = ORDER.indexOf(VERSIONS.get(min));
        int to = max == null ? ORDER.size() - 1 : ORDER.indexOf(VERSIONS.get(max));
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("TLS versions " + min + " to " + max + " name no version");
        }
        return ORDER.subList(from, to + 1).toArray(String[]::new);
    }

    private static byte[] cas(List<String> files) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String f : files) {
            all.write(f.startsWith("-----BEGIN") ? f.getBytes(StandardCharsets.US_ASCII) : Files.readAllBytes(Path.of(f)));
            all.write('\n');
        }
        return all.toByteArray();
    }
}
