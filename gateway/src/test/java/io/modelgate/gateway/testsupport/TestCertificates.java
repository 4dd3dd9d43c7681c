package io.modelgate.gateway.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Real certificates for the TLS tests, made by the {@code openssl} command line (Debian's package): a test CA
 * and leaf certificates it signs, EC P-256 keys in PKCS#8 PEM, valid for two days.
 */
public final class TestCertificates {

    private final Path dir;
    private final Path caCert;
    private final Path caKey;
    private int serial = 1;

    public TestCertificates(Path dir) throws IOException {
        this.dir = dir;
        this.caCert = dir.resolve("ca.crt");
        this.caKey = dir.resolve("ca.key");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", caCert.toString(), "-days", "2", "-subj", "/CN=modelgate test CA");
    }

    public Path caFile() {
        return caCert;
    }

    /** A leaf certificate for {@code names} (the first is the CN), written to {@code <file>.crt} / {@code <file>.key}. */
    public Leaf leaf(String file, String organization, String... names) throws IOException {
        Path key = dir.resolve(file + ".key");
        Path csr = dir.resolve(file + ".csr");
        Path crt = dir.resolve(file + ".crt");
        Path ext = dir.resolve(file + ".ext");
        List<String> sans = new ArrayList<>();
        for (String n : names) {
            sans.add("DNS:" + n);
        }
        Files.writeString(ext, "subjectAltName=" + String.join(",", sans) + "\nextendedKeyUsage=serverAuth,clientAuth\n");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(),
                "-out", csr.toString(), "-subj", "/CN=" + names[0] + "/O=" + organization);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-set_serial", Integer.toString(serial++), "-out", crt.toString(), "-days", "2", "-extfile", ext.toString());
        return new Leaf(crt, key);
    }

    /** A TLS client context that trusts only the test CA. */
    public SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCert)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The organization (O=) of a certificate's subject: which version of a certificate was served. */
    public static String organization(X509Certificate cert) {
        String dn = cert.getSubjectX500Principal().getName();
        return dn.replaceAll(".*O=([^,]+).*", "$1");
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** A certificate file and its key file. */
    public record Leaf(Path cert, Path key) {
    }
}
