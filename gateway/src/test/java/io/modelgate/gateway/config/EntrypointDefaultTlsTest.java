package io.modelgate.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.discovery.config.RouterTls;
import io.modelgate.gateway.runtime.EntryPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code modelgate.entrypoints.<n>.tls.cert-resolver|domains} bound as Spring binds them and turned into the
 * routers' default TLS; the settings that cannot be meant stop the start with one line.
 */
class EntrypointDefaultTlsTest {

    static Entrypoints entrypoints(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put("modelgate.entrypoints." + keyValues[i], keyValues[i + 1]);
        }
        ModelgateProperties props = new Binder(new MapConfigurationPropertySource(m))
                .bindOrCreate("modelgate", ModelgateProperties.class);
        return new Entrypoints(props);
    }

    @Test
    void theResolverAndItsDomainsBecomeTheDefaultTlsOfTheEntryPointsRouters() {
        Entrypoints e = entrypoints("web.port", "8080", "websecure.port", "8443", "websecure.tls.enabled", "true",
                "websecure.tls.cert-resolver", "le", "websecure.tls.domains[0].main", "example.com",
                "websecure.tls.domains[0].sans", "api.example.com, www.example.com");
        assertThat(e.routing()).filteredOn(ep -> ep.name().equals("websecure")).singleElement()
                .extracting(EntryPoint::routersTls).isEqualTo(new RouterTls(null, "le",
                        List.of(new RouterTls.Domain("example.com", List.of("api.example.com", "www.example.com")))));
        assertThat(e.routing()).filteredOn(ep -> ep.name().equals("web")).singleElement()
                .extracting(EntryPoint::routersTls).isNull();
        assertThat(e.defaultResolvers()).containsExactly(Map.entry("websecure", "le"));
    }

    @Test
    void settingsThatCannotBeMeantStopTheStartWithOneLine() {
        assertThatThrownBy(() -> entrypoints("websecure.port", "8443", "websecure.tls.cert-resolver", "le"))
                .hasMessage("modelgate.entrypoints.websecure.tls.cert-resolver is set but the entry point does not "
                        + "terminate TLS: set modelgate.entrypoints.websecure.tls.enabled=true");
        assertThatThrownBy(() -> entrypoints("websecure.port", "8443", "websecure.tls.enabled", "true",
                "websecure.tls.domains[0].main", "example.com"))
                .hasMessageContaining("tls.domains choose what a certificate resolver orders");
        assertThatThrownBy(() -> entrypoints("websecure.port", "8443", "websecure.tls.enabled", "true",
                "websecure.tls.cert-resolver", "le", "websecure.tls.domains[0].main", "*.example.com"))
                .hasMessageContaining("domains[0]: wildcard names need the DNS-01 challenge");
    }
}
