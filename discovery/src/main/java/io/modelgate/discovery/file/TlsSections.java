package io.modelgate.discovery.file;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.config.TlsConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code tls:} sections of several files as one: certificates add up (as in Traefik); a default certificate
 * or an option name given in two files is a conflict, reported, and the first one read is kept.
 */
final class TlsSections {

    private final List<TlsConfig.Certificate> certificates = new ArrayList<>();
    private final Map<String, TlsConfig.TlsOptions> options = new LinkedHashMap<>();
    private TlsConfig.Certificate defaultCertificate;

    void add(TlsConfig tls, List<Problem> problems) {
        certificates.addAll(tls.certificates());
        if (tls.defaultCertificate() != null) {
            if (defaultCertificate == null) {
                defaultCertificate = tls.defaultCertificate();
            } else {
                problems.add(new Problem(FileConfigSource.NAME, "tls.stores.default", tls.defaultCertificate().origin(),
                        "a second default certificate (the first is at " + defaultCertificate.origin() + "): ignored"));
            }
        }
        tls.options().forEach((name, o) -> {
            TlsConfig.TlsOptions first = options.putIfAbsent(name, o);
            if (first != null) {
                problems.add(new Problem(FileConfigSource.NAME, "tls.options." + name, o.origin(),
                        "TLS options '" + name + "' defined again (first at " + first.origin() + "): ignored"));
            }
        });
    }

    TlsConfig merged() {
        return new TlsConfig(certificates, defaultCertificate, options);
    }
}
