package io.modelgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslProvider;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class TlsProvidersTest {

    @Test
    void autoIsOpenSslOnTheLinuxPlatformsTheJarShipsItFor() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        Assumptions.assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64")),
                "netty-tcnative is shipped for linux-x86_64 and linux-aarch_64 only");

        assertThat(TlsProviders.choose("auto")).isEqualTo(SslProvider.OPENSSL);
        assertThat(TlsProviders.choose("OpenSSL")).isEqualTo(SslProvider.OPENSSL);
    }

    @Test
    void jdkIsTheJdksWhateverIsAvailable() {
        assertThat(TlsProviders.choose("jdk")).isEqualTo(SslProvider.JDK);
    }

    @Test
    void anotherNameIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> TlsProviders.choose("boringssl"))
                .hasMessage("modelgate.tls.provider must be auto, openssl or jdk, not 'boringssl'");
    }
}
