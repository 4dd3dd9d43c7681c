package io.modelgate.gateway.tls;

import io.modelgate.discovery.config.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * One configured certificate as loaded: its PEM chain and key (bytes, handed to Netty), the DNS names it is for
 * (its subject alternative names, else its common name) and what its files looked like when read, so a change
 * on disk can be noticed.
 *
 * @param chain   the PEM certificate chain
 * @param key     the PEM private key (PKCS#8)
 * @param names   lower-case DNS names, wildcards as {@code *.example.com}
 * @param stamp   the files' sizes and modification times when read ({@code null} for inline PEM)
 * @param origin  where it was configured
 */
record PemCertificate(byte[] chain, byte[] key, List<String> names, String stamp, String origin) {

    /** Reads and parses a configured certificate. */
    static PemCertificate load(TlsConfig.Certificate c) throws IOException {
        byte[] chain = pem(c.certFile());
        byte[] key = pem(c.keyFile());
        List<X509Certificate> certs;
        try {
            Collection<? extends java.security.cert.Certificate> parsed =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(chain));
            certs = parsed.stream().map(X509Certificate.class::cast).toList();
        } catch (CertificateException e) {
            throw new IOException(c.certFile() + " is not a PEM certificate: " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IOException(c.certFile() + " holds no certificate");
        }
        return new PemCertificate(chain, key, names(certs.getFirst()), stamp(c), c.origin());
    }

    /** The files' sizes and modification times, to see whether they changed since {@link #load}. */
    static String stamp(TlsConfig.Certificate c) {
        return stamp(c.certFile()) + "|" + stamp(c.keyFile());
    }

    private static String stamp(String fileOrPem) {
        if (isInline(fileOrPem)) {
            return "inline";
        }
        try {
            Path p = Path.of(fileOrPem);
            return Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return "missing";
        }
    }

    private static boolean isInline(String value) {
        return value.startsWith("-----BEGIN");
    }

    private static byte[] pem(String fileOrPem) throws IOException {
        if (isInline(fileOrPem)) {
            return fileOrPem.getBytes(StandardCharsets.US_ASCII);
        }
        return Files.readAllBytes(Path.of(fileOrPem));
    }

    static List<String> names(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Objects.equals(san.get(0), 2)) { // dNSName
                        out.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the common name
        }
        if (out.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        out.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (InvalidNameException e) {
                // no names: only usable as the default certificate
            }
        }
        return List.copyOf(out);
    }

    /** True if this certificate is for {@code host}: an exact name, or a wildcard covering one label. */
    boolean covers(String host) {
        for (String n : names) {
            if (n.equals(host)) {
                return true;
            }
        }
        return false;
    }

    boolean coversByWildcard(String host) {
        int dot = host.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String parent = "*" + host.substring(dot);
        return names.contains(parent);
    }
}
