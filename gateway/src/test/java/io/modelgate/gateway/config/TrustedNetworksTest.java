package io.modelgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedNetworksTest {

    private final TrustedNetworks trusted = new TrustedNetworks(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8", "172.16.0.0/12"));

    @ParameterizedTest
    @CsvSource({"10.1.2.3,true", "11.0.0.1,false", "192.168.1.7,true", "192.168.1.8,false", "fd12::1,true",
            "fe80::1,false", "172.31.255.255,true", "172.32.0.0,false", "127.0.0.1,false"})
    void matchesAddresses(String ip, boolean expected) throws Exception {
        assertThat(trusted.test(InetAddress.getByName(ip))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "not-an-ip", "10.0.0.0/x", "::1/129", "example.com"})
    void rejectsTyposAtStartUp(String spec) {
        assertThatThrownBy(() -> new TrustedNetworks(List.of(spec)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(spec);
    }
}
