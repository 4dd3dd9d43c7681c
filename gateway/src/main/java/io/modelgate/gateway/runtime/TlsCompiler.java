package io.modelgate.gateway.runtime;

import io.modelgate.discovery.Problem;
import io.modelgate.discovery.ProviderSnapshot;
import io.modelgate.discovery.QualifiedName;
import io.modelgate.discovery.config.RouterTls;
import io.modelgate.discovery.config.TlsConfig;
import io.modelgate.discovery.rule.IndexKey;
import io.modelgate.discovery.rule.Rule;
import io.modelgate.gateway.tls.TlsSetup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The TLS part of a compile: every provider's certificates and options together, and the checks of each
 * router's {@code tls} (its options exist; the hosts of its rule use them at the handshake, as Traefik maps
 * TLS options to SNI names through the routers' {@code Host} rules).
 */
final class TlsCompiler {

    private final List<TlsConfig.Certificate> certificates = new ArrayList<>();
    private final Map<String, TlsConfig.TlsOptions> options = new LinkedHashMap<>();
    private final Map<String, String> optionsByHost = new TreeMap<>();
    private TlsConfig.Certificate defaultCertificate;
    private final List<Problem> problems;

    TlsCompiler(List<Problem> problems) {
        this.problems = problems;
    }

    void collect(ProviderSnapshot s) {
        TlsConfig tls = s.config().tls();
        certificates.addAll(tls.certificates());
        if (tls.defaultCertificate() != null) {
            if (defaultCertificate == null) {
                defaultCertificate = tls.defaultCertificate();
            } else {
                problems.add(new Problem(s.provider(), "tls.stores.default", tls.defaultCertificate().origin(),
                        "a second default certificate (the first is at " + defaultCertificate.origin() + "): ignored"));
            }
        }
        tls.options().forEach((name, o) -> options.put(name + "@" + s.provider(), o));
    }

    /** Checks a router's TLS: a missing options name is an error; a certificate resolver a warning. */
    void router(String router, String provider, RouterTls tls, Rule rule, List<String> errors, List<String> warnings) {
        if (tls == null) {
            return;
        }
        if (tls.options() != null) {
            String q = QualifiedName.qualify(tls.options(), provider);
            if (!options.containsKey(q)) {
                errors.add("TLS options " + q + " do not exist");
            } else if (rule != null) {
                for (IndexKey key : rule.indexKeys()) {
                    if (key.host() == null) {
                        warnings.add("tls.options " + q + " apply by SNI to the hosts of the rule, and the rule names none: "
                                + "handshakes use the default options");
                        continue;
                    }
                    String before = optionsByHost.putIfAbsent(key.host(), q);
                    if (before != null && !before.equals(q)) {
                        warnings.add("host " + key.host() + " already uses TLS options " + before + " (another router): "
                                + q + " is not used for it");
                    }
                }
            }
        }
        if (tls.certResolver() != null) {
            warnings.add("tls.certresolver " + tls.certResolver() + ": certificate resolvers (ACME) are not supported yet; "
                    + "the router is served with the configured certificates");
        } else if (!tls.domains().isEmpty()) {
            warnings.add("tls.domains only choose what a certresolver requests, and the router has none: ignored");
        }
    }

    TlsSetup result() {
        return new TlsSetup(certificates, defaultCertificate, options, optionsByHost);
    }
}
