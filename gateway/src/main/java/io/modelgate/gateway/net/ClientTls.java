package io.modelgate.gateway.net;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import javax.net.ssl.SSLException;

/** TLS contexts for the gateway's own calls to other services (auth, error pages). */
public final class ClientTls {

    private static final SslContext DEFAULT = build(null, false);

    private ClientTls() {
    }

    /** The JVM's trusted authorities, with host name verification. */
    public static SslContext defaults() {
        return DEFAULT;
    }

    /**
     * @param caFile             PEM file of the authorities to trust instead of the JVM's; null for the JVM's
     * @param insecureSkipVerify trust any certificate for any name (tests only)
     * @throws IllegalArgumentException naming the file when it cannot be read as PEM certificates
     */
    public static SslContext of(String caFile, boolean insecureSkipVerify) {
        return caFile == null && !insecureSkipVerify ? DEFAULT : build(caFile, insecureSkipVerify);
    }

    private static SslContext build(String caFile, boolean insecureSkipVerify) {
        SslContextBuilder b = SslContextBuilder.forClient();
        if (insecureSkipVerify) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
            if (caFile != null) {
                b.trustManager(new File(caFile));
            }
            b.endpointIdentificationAlgorithm("HTTPS");
        }
        try {
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tls.ca " + caFile + " cannot be used: " + e.getMessage(), e);
        }
    }
}
