package io.modelgate.gateway.proxy;

import org.junit.jupiter.api.BeforeAll;

/** {@link TlsEntrypointIT}'s cases with {@code modelgate.tls.provider=jdk}, the fallback where OpenSSL does not load. */
class JdkTlsEntrypointIT extends TlsEntrypointIT {

    @BeforeAll
    static void start() throws Exception { // hides TlsEntrypointIT.start, so only this one runs for this class
        launch("jdk");
    }
}
